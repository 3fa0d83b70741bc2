// Internal: which brands may be written in a text, found in one pass.
//
// A brand's own RE2 pattern (look-alike classes, optional separators) is exact but costly:
// 500+ of them in one RE2::Set took most of the pack's load time and ~80 MB. This index
// finds candidates cheaply instead. Every character that may stand for a Latin letter
// becomes that letter ("N1ke", "Nіke", "N-i-k-e" all read "nike"), separators vanish, and
// an Aho-Corasick automaton over the brands' skeletons reports every brand whose skeleton
// occurs. It is a superset of what the patterns accept, so the patterns still decide.
#ifndef FAKELENS_SRC_BRAND_SKELETON_H_
#define FAKELENS_SRC_BRAND_SKELETON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fakelens::internal {

// What each Latin letter may be disguised as in folded text (so Cyrillic and Greek are
// already lower case): leetspeak digits and symbols, and look-alike letters. Null for a
// letter nobody disguises.
const char* look_alikes(char letter);

// Separators a disguised brand may carry between its letters or words.
bool is_skeleton_separator(char32_t cp);

// The skeleton of folded text: look-alikes become the letter they stand for (letters that
// share a look-alike, like i and l with 1, become one letter), separators vanish, anything
// else is kept as it is.
std::string brand_skeleton(std::string_view folded);

class BrandSkeletonIndex {
 public:
  // Adds a folded spelling or alias of brand `brand`. Skeletons shorter than 3 bytes are
  // ignored (they would make nearly every text a candidate).
  void add(std::string_view folded_spelling, std::uint32_t brand);
  // Must be called once after the last add() and before candidates().
  void build();
  // Brands whose skeleton occurs in `folded`, sorted, each once.
  std::vector<std::uint32_t> candidates(std::string_view folded) const;

  std::size_t node_count() const { return nodes_.size(); }

 private:
  struct Node {
    std::uint32_t first_edge = 0;  // edges_[first_edge, first_edge + edge_count), sorted by byte
    std::uint32_t edge_count = 0;
    std::uint32_t fail = 0;
    std::uint32_t first_output = 0;  // outputs_[first_output, first_output + output_count)
    std::uint32_t output_count = 0;
  };
  struct Edge {
    unsigned char byte;
    std::uint32_t target;
  };
  std::uint32_t child(std::uint32_t node, unsigned char byte) const;

  // Built by add(): a trie with per-node edge and output lists.
  std::vector<std::vector<Edge>> trie_edges_{1};
  std::vector<std::vector<std::uint32_t>> trie_outputs_{1};
  // Built by build(): flat arrays, outputs merged along failure links.
  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<std::uint32_t> outputs_;
  std::uint32_t root_next_[256] = {};
  std::uint32_t brand_count_ = 0;
};

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_BRAND_SKELETON_H_
