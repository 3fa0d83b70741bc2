#include "brand_skeleton.h"

#include <algorithm>
#include <array>
#include <deque>
#include <utility>

#include "fakelens/utf8.h"

namespace fakelens::internal {

const char* look_alikes(char letter) {
  // Not '|': titles use it as a separator, and "| Mac" is not a disguised iMac.
  switch (letter) {
    case 'a': return "a4@аα";
    case 'b': return "b8вь";
    case 'c': return "cсϲ";
    case 'e': return "e3еєε€";
    case 'g': return "g9";
    case 'h': return "hн";
    case 'i': return "i1l!іїι";
    case 'j': return "jј";
    case 'k': return "kкκ";
    case 'l': return "l1i!іι";
    case 'm': return "mм";
    case 'n': return "nпη";
    case 'o': return "o0оοσ";
    case 'p': return "pрρ";
    case 'r': return "rг";
    case 's': return "s5$ѕ";
    case 't': return "t7т+τ";
    case 'u': return "uυ";
    case 'v': return "vνѵ";
    case 'w': return "wшω";
    case 'x': return "xхχ×";
    case 'y': return "yуγ";
    default: return nullptr;
  }
}

bool is_skeleton_separator(char32_t cp) {
  switch (cp) {
    case '-': case '.': case '_': case '*': case '\'': case ' ': case '&':
    case 0x00B7:  // ·
    case 0x2022:  // •
    case 0x2019:  // ’
      return true;
    default:
      return false;
  }
}

namespace {

// The letter each look-alike stands for. Letters that share a look-alike ('1' is i or l)
// are merged, smallest first, so a character always has exactly one skeleton letter.
struct SkeletonTable {
  std::array<char, 128> ascii{};                   // 0: dropped
  std::vector<std::pair<char32_t, char>> others;   // sorted by code point

  SkeletonTable() {
    std::array<char, 26> parent{};
    for (int i = 0; i < 26; ++i) parent[static_cast<std::size_t>(i)] = static_cast<char>('a' + i);
    auto find = [&](char letter) {
      while (parent[static_cast<std::size_t>(letter - 'a')] != letter) letter = parent[static_cast<std::size_t>(letter - 'a')];
      return letter;
    };
    std::vector<std::pair<char32_t, char>> first_letter;  // look-alike -> a letter it stands for
    for (char letter = 'a'; letter <= 'z'; ++letter) {
      const char* alikes = look_alikes(letter);
      if (!alikes) continue;
      const std::string_view chars(alikes);
      for (std::size_t pos = 0; pos < chars.size();) {
        std::size_t length = 1;
        const char32_t cp = utf8::decode(chars, pos, &length);
        pos += length;
        auto known = std::find_if(first_letter.begin(), first_letter.end(),
                                  [&](const auto& entry) { return entry.first == cp; });
        if (known == first_letter.end()) {
          first_letter.emplace_back(cp, letter);
          continue;
        }
        const char a = find(known->second), b = find(letter);
        if (a != b) parent[static_cast<std::size_t>(std::max(a, b) - 'a')] = std::min(a, b);
      }
    }
    for (int c = 0; c < 128; ++c) ascii[static_cast<std::size_t>(c)] = static_cast<char>(c);
    for (char letter = 'a'; letter <= 'z'; ++letter) ascii[static_cast<std::size_t>(letter)] = find(letter);
    for (const auto& [cp, letter] : first_letter) {
      if (cp < 128) ascii[cp] = find(letter);
      else others.emplace_back(cp, find(letter));
    }
    for (int c = 0; c < 128; ++c) {
      if (is_skeleton_separator(static_cast<char32_t>(c))) ascii[static_cast<std::size_t>(c)] = 0;
    }
    std::sort(others.begin(), others.end());
  }
};

const SkeletonTable& skeleton_table() {
  static const SkeletonTable table;
  return table;
}

}  // namespace

std::string brand_skeleton(std::string_view folded) {
  const SkeletonTable& table = skeleton_table();
  std::string out;
  out.reserve(folded.size());
  for (std::size_t pos = 0; pos < folded.size();) {
    const unsigned char lead = static_cast<unsigned char>(folded[pos]);
    if (lead < 0x80) {
      if (const char mapped = table.ascii[lead]) out.push_back(mapped);
      ++pos;
      continue;
    }
    std::size_t length = 1;
    const char32_t cp = utf8::decode(folded, pos, &length);
    length = std::max<std::size_t>(length, 1);
    const auto it = std::lower_bound(table.others.begin(), table.others.end(), std::make_pair(cp, '\0'));
    if (it != table.others.end() && it->first == cp) {
      out.push_back(it->second);
    } else if (!is_skeleton_separator(cp)) {
      out.append(folded.substr(pos, length));
    }
    pos += length;
  }
  return out;
}

void BrandSkeletonIndex::add(std::string_view folded_spelling, std::uint32_t brand) {
  const std::string skeleton = brand_skeleton(folded_spelling);
  if (skeleton.size() < 3) return;
  std::uint32_t node = 0;
  for (const char c : skeleton) {
    const unsigned char byte = static_cast<unsigned char>(c);
    auto& edges = trie_edges_[node];
    auto it = std::find_if(edges.begin(), edges.end(), [&](const Edge& e) { return e.byte == byte; });
    if (it != edges.end()) {
      node = it->target;
      continue;
    }
    const auto created = static_cast<std::uint32_t>(trie_edges_.size());
    edges.push_back({byte, created});  // may reallocate trie_edges_: `edges` is not used after
    trie_edges_.emplace_back();
    trie_outputs_.emplace_back();
    node = created;
  }
  trie_outputs_[node].push_back(brand);
  brand_count_ = std::max(brand_count_, brand + 1);
}

std::uint32_t BrandSkeletonIndex::child(std::uint32_t node, unsigned char byte) const {
  const Node& n = nodes_[node];
  const Edge* begin = edges_.data() + n.first_edge;
  const Edge* end = begin + n.edge_count;
  const Edge* it = std::lower_bound(begin, end, byte, [](const Edge& e, unsigned char b) { return e.byte < b; });
  return it != end && it->byte == byte ? it->target : 0;
}

void BrandSkeletonIndex::build() {
  const std::size_t count = trie_edges_.size();
  nodes_.assign(count, Node{});
  edges_.clear();
  for (std::size_t i = 0; i < count; ++i) {
    auto& edges = trie_edges_[i];
    std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) { return a.byte < b.byte; });
    nodes_[i].first_edge = static_cast<std::uint32_t>(edges_.size());
    nodes_[i].edge_count = static_cast<std::uint32_t>(edges.size());
    edges_.insert(edges_.end(), edges.begin(), edges.end());
  }
  // Failure links breadth first; a node's outputs include those of its failure node, so a
  // search never walks the failure chain to report.
  std::vector<std::vector<std::uint32_t>> outputs = std::move(trie_outputs_);
  std::deque<std::uint32_t> queue;
  for (const Edge& e : trie_edges_[0]) {
    nodes_[e.target].fail = 0;
    queue.push_back(e.target);
  }
  while (!queue.empty()) {
    const std::uint32_t node = queue.front();
    queue.pop_front();
    for (const Edge& e : trie_edges_[node]) {
      std::uint32_t fail = nodes_[node].fail;
      std::uint32_t next = child(fail, e.byte);
      while (next == 0 && fail != 0) {
        fail = nodes_[fail].fail;
        next = child(fail, e.byte);
      }
      nodes_[e.target].fail = next == e.target ? 0 : next;
      const auto& inherited = outputs[nodes_[e.target].fail];
      outputs[e.target].insert(outputs[e.target].end(), inherited.begin(), inherited.end());
      queue.push_back(e.target);
    }
  }
  outputs_.clear();
  for (std::size_t i = 0; i < count; ++i) {
    nodes_[i].first_output = static_cast<std::uint32_t>(outputs_.size());
    nodes_[i].output_count = static_cast<std::uint32_t>(outputs[i].size());
    outputs_.insert(outputs_.end(), outputs[i].begin(), outputs[i].end());
  }
  for (int byte = 0; byte < 256; ++byte) root_next_[byte] = child(0, static_cast<unsigned char>(byte));
  trie_edges_.clear();
  trie_edges_.shrink_to_fit();
  trie_outputs_.clear();
  trie_outputs_.shrink_to_fit();
}

std::vector<std::uint32_t> BrandSkeletonIndex::candidates(std::string_view folded) const {
  std::vector<std::uint32_t> found;
  if (nodes_.empty()) return found;
  const std::string skeleton = brand_skeleton(folded);
  std::vector<bool> seen(brand_count_);
  std::uint32_t node = 0;
  for (const char c : skeleton) {
    const unsigned char byte = static_cast<unsigned char>(c);
    std::uint32_t next = node == 0 ? root_next_[byte] : child(node, byte);
    while (next == 0 && node != 0) {
      node = nodes_[node].fail;
      next = node == 0 ? root_next_[byte] : child(node, byte);
    }
    node = next;
    const Node& n = nodes_[node];
    for (std::uint32_t i = n.first_output; i < n.first_output + n.output_count; ++i) {
      const std::uint32_t brand = outputs_[i];
      if (seen[brand]) continue;
      seen[brand] = true;
      found.push_back(brand);
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace fakelens::internal
