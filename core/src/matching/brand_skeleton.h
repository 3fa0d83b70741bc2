// Internal: which brands may be written in a text, found in one pass.
//
// A brand's own RE2 pattern (look-alike classes, optional separators) is exact but costly:
// 500+ of them in one RE2::Set took most of the pack's load time and ~80 MB. This index
// finds candidates cheaply instead. Every character that may stand for a Latin letter
// becomes that letter ("N1ke", "Nіke", "N-i-k-e" all read "nike"), separators vanish, and
// an Aho-Corasick automaton over the brands' skeletons (their first 8 bytes) reports every
// brand whose skeleton may occur. It is a superset of what the patterns accept, so the
// patterns still decide.
#ifndef FAKELENS_SRC_BRAND_SKELETON_H_
#define FAKELENS_SRC_BRAND_SKELETON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
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
  // A bound on the automaton's size (output links hold node numbers in 16 bits); the
  // default pack needs about 7,400.
  static constexpr std::size_t kMaxNodes = 32767;
  // Only the first bytes of each skeleton are indexed: a text that holds a skeleton holds
  // its first 8 bytes, so candidates stay a superset, and the automaton is half the size
  // (7,400 nodes instead of 13,000 for the default pack) for 3.6% more candidates.
  static constexpr std::size_t kSkeletonPrefixBytes = 8;

  // Adds a folded spelling or alias of brand `brand`. Skeletons shorter than 3 bytes are
  // ignored (they would make nearly every text a candidate).
  void add(std::string_view folded_spelling, std::uint32_t brand);
  // Call once after the last add() and before candidates(). Builds the automaton: one
  // table lookup per byte of skeleton, over the few byte values brands use. False (and an
  // index that finds nothing) when the skeletons need more than kMaxNodes nodes.
  bool build();
  // Brands whose skeleton occurs in `folded`, sorted, each once.
  std::vector<std::uint32_t> candidates(std::string_view folded) const {
    std::vector<std::uint32_t> found;
    candidates(folded, found);
    return found;
  }
  // The same into `found` (cleared first), so a caller scanning many texts reuses one buffer.
  void candidates(std::string_view folded, std::vector<std::uint32_t>& found) const;

  std::size_t node_count() const { return first_output_.empty() ? 0 : first_output_.size() - 1; }

 private:
  // Collected by add(), consumed by build().
  using Skeletons = std::vector<std::pair<std::string, std::uint32_t>>;
  Skeletons pending_;
  // build()'s steps, in order (brand_skeleton.cpp).
  struct Edge {
    std::uint32_t parent, cls, child;
  };
  void assign_byte_classes(const Skeletons& skeletons);
  std::size_t build_trie(const Skeletons& skeletons, std::vector<Edge>& edges,
                         std::vector<std::pair<std::uint32_t, std::uint32_t>>& own);
  void list_outputs(std::size_t nodes, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& own);
  void link_failures(std::size_t nodes, const std::vector<Edge>& edges);
  void add_flagged_copies(std::size_t nodes);
  void fill_columns();
  // byte -> class (0: a byte no brand uses); for each node and class the next node, with
  // the Aho-Corasick failure links folded in.
  unsigned char byte_class_[256] = {};
  // For each ASCII byte of folded text, the column (see column()) of its skeleton letter's
  // class, or of stay_class_ for a separator: the common case in one lookup and one step.
  std::uint32_t ascii_column_[128] = {};
  // The same for two-byte characters (U+0080..U+07FF: Latin-1, Greek, Cyrillic, Arabic),
  // with kKeepBytes for a character that stands for no letter and is kept byte by byte.
  static constexpr std::uint16_t kKeepBytes = 0xFFFE;
  std::vector<std::uint16_t> two_byte_class_;  // index: code point - 0x80
  // The range of three-byte code points that are look-alikes or separators: any other
  // three-byte character is kept byte by byte, with no lookup.
  std::pair<char32_t, char32_t> three_byte_special_{0x10000, 0};
  std::uint32_t class_count_ = 1;  // byte classes, 0 included
  // One more class, for separators: its entry in every row is the node's own row, so a
  // separator is a step that goes nowhere rather than a branch in the scan.
  std::uint32_t stay_class_ = 1;
  std::uint32_t width_ = 3;  // entries per row: class_count_, stay_class_'s, then the node's number
  // The automaton, one row of width_ entries per node: for each class, the byte offset in
  // rows_ of the next node's row. A step is one add (the row's offset and the class's
  // column) and one load. Nodes where brands end have a second row, a copy of their own, past
  // flagged_from_, and entries into such a node lead to the copy: the scan learns that
  // brands end by comparing the offset it already has, with no bit to mask off on the way.
  std::vector<std::uint32_t> rows_;
  std::uint32_t flagged_from_ = 0;
  std::vector<std::uint16_t> copy_node_;  // the node of each copy, in order
  static std::uint32_t column(std::uint32_t cls) { return cls * static_cast<std::uint32_t>(sizeof(std::uint32_t)); }
  std::uint32_t row_bytes() const { return width_ * static_cast<std::uint32_t>(sizeof(std::uint32_t)); }
  // The node whose row (own or copy) is at byte offset `row`, by division: for build(),
  // before the copies exist. The scan reads the node's number from the row's last entry.
  std::uint32_t node_at(std::uint32_t row) const;
  // Adds the brands that end at the node at `row` (a copy), and those of the shorter
  // skeletons that end there too, to `found`, each once; returns the node's own row, where
  // the scan goes on. Out of the scan's loop.
  std::uint32_t report(std::uint32_t row, std::vector<std::uint32_t>& found) const;
  // Each node's own brands (into outputs_; one extra entry at the end), and the nearest
  // node along its failure chain that has brands of its own (0: none).
  std::vector<std::uint32_t> first_output_;
  std::vector<std::uint32_t> outputs_;
  std::vector<std::uint16_t> output_link_;
  bool has_own_brands(std::size_t node) const { return first_output_[node] != first_output_[node + 1]; }
};

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_BRAND_SKELETON_H_
