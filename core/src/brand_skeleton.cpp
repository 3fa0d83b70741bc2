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

namespace {

// Calls emit(byte) for each byte of the skeleton of `folded`, without building it.
template <typename Emit>
void for_each_skeleton_byte(std::string_view folded, const Emit& emit) {
  const SkeletonTable& table = skeleton_table();
  for (std::size_t pos = 0; pos < folded.size();) {
    const unsigned char lead = static_cast<unsigned char>(folded[pos]);
    if (lead < 0x80) {
      if (const char mapped = table.ascii[lead]) emit(static_cast<unsigned char>(mapped));
      ++pos;
      continue;
    }
    std::size_t length = 1;
    const char32_t cp = utf8::decode(folded, pos, &length);
    length = std::max<std::size_t>(length, 1);
    const auto it = std::lower_bound(table.others.begin(), table.others.end(), std::make_pair(cp, '\0'));
    if (it != table.others.end() && it->first == cp) {
      emit(static_cast<unsigned char>(it->second));
    } else if (!is_skeleton_separator(cp)) {
      for (std::size_t i = 0; i < length && pos + i < folded.size(); ++i) emit(static_cast<unsigned char>(folded[pos + i]));
    }
    pos += length;
  }
}

}  // namespace

std::string brand_skeleton(std::string_view folded) {
  std::string out;
  out.reserve(folded.size());
  for_each_skeleton_byte(folded, [&](unsigned char byte) { out.push_back(static_cast<char>(byte)); });
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

void BrandSkeletonIndex::build() {
  const std::size_t count = trie_edges_.size();
  class_count_ = 1;
  for (const auto& edges : trie_edges_) {
    for (const Edge& e : edges) {
      if (!byte_class_[e.byte]) byte_class_[e.byte] = static_cast<unsigned char>(class_count_++);
    }
  }
  next_.assign(count * class_count_, 0);
  for (std::size_t node = 0; node < count; ++node) {
    for (const Edge& e : trie_edges_[node]) next_[node * class_count_ + byte_class_[e.byte]] = e.target;
  }
  // Breadth first: a node's failure node is shallower, so its row is complete when read.
  std::vector<std::uint32_t> fail(count, 0);
  std::vector<std::vector<std::uint32_t>> outputs = std::move(trie_outputs_);
  std::deque<std::uint32_t> queue;
  for (const Edge& e : trie_edges_[0]) queue.push_back(e.target);
  while (!queue.empty()) {
    const std::uint32_t node = queue.front();
    queue.pop_front();
    const auto& inherited = outputs[fail[node]];
    outputs[node].insert(outputs[node].end(), inherited.begin(), inherited.end());
    for (std::uint32_t c = 1; c < class_count_; ++c) {
      std::uint32_t& next = next_[node * class_count_ + c];
      const std::uint32_t via_fail = next_[fail[node] * class_count_ + c];
      if (next == 0) {
        next = via_fail;  // no edge: go where the failure node goes
      } else {
        fail[next] = via_fail;
        queue.push_back(next);
      }
    }
  }
  first_output_.assign(count + 1, 0);
  outputs_.clear();
  for (std::size_t node = 0; node < count; ++node) {
    auto& list = outputs[node];
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    first_output_[node] = static_cast<std::uint32_t>(outputs_.size());
    outputs_.insert(outputs_.end(), list.begin(), list.end());
  }
  first_output_[count] = static_cast<std::uint32_t>(outputs_.size());
  trie_edges_.clear();
  trie_edges_.shrink_to_fit();
  trie_outputs_.clear();
  trie_outputs_.shrink_to_fit();
}

std::vector<std::uint32_t> BrandSkeletonIndex::candidates(std::string_view folded) const {
  std::vector<std::uint32_t> found;
  if (first_output_.empty()) return found;
  std::uint32_t node = 0;
  for_each_skeleton_byte(folded, [&](unsigned char byte) {
    node = next_[node * class_count_ + byte_class_[byte]];
    for (std::uint32_t i = first_output_[node]; i < first_output_[node + 1]; ++i) {
      if (std::find(found.begin(), found.end(), outputs_[i]) == found.end()) found.push_back(outputs_[i]);
    }
  });
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace fakelens::internal
