#include "matching/brand_skeleton.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include "fakelens/utf8.h"
#include "pack/pack_loading.h"

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

namespace {

// '·', '•' and '’' among them.
constexpr char32_t kSkeletonSeparators[] = {'-', '.', '_', '*', '\'', ' ', '&', 0x00B7, 0x2022, 0x2019};

}  // namespace

bool is_skeleton_separator(char32_t cp) {
  for (const char32_t separator : kSkeletonSeparators) {
    if (cp == separator) return true;
  }
  return false;
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

FAKELENS_PACK_LOADING
void BrandSkeletonIndex::add(std::string_view folded_spelling, std::uint32_t brand) {
  // The skeleton's first bytes, in a string short enough to need no allocation of its own.
  char prefix[kSkeletonPrefixBytes];
  std::size_t length = 0;
  for_each_skeleton_byte(folded_spelling, [&](unsigned char byte) {
    if (length < kSkeletonPrefixBytes) prefix[length] = static_cast<char>(byte);
    ++length;
  });
  if (length < 3) return;
  pending_.emplace_back(std::string(prefix, std::min(length, kSkeletonPrefixBytes)), brand);
}

// build() runs once per pack load, in steps that are each a function of its own
// (FAKELENS_PACK_LOADING): in WebAssembly, build() inlined whole into BrandCatalog::index()
// made one 7 KB function whose loops V8 recompiled with its optimising compiler on every
// cold start (18 ms of compiler work on two cores, for code that never runs again).
bool BrandSkeletonIndex::build() {
  Skeletons skeletons = std::move(pending_);
  pending_.clear();
  assign_byte_classes(skeletons);
  std::vector<Edge> edges;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> own;  // (node, brand)
  const std::size_t nodes = build_trie(skeletons, edges, own);
  if (nodes == 0) {
    rows_.assign(width_, 0);
    first_output_.assign(2, 0);
    outputs_.clear();
    output_link_.assign(1, 0);
    return false;
  }
  list_outputs(nodes, own);
  link_failures(nodes, edges);
  add_flagged_copies(nodes);
  fill_columns();
  return true;
}

FAKELENS_PACK_LOADING
void BrandSkeletonIndex::assign_byte_classes(const Skeletons& skeletons) {
  std::fill(std::begin(byte_class_), std::end(byte_class_), 0);
  class_count_ = 1;
  for (const auto& entry : skeletons) {
    for (const char c : entry.first) {
      unsigned char& cls = byte_class_[static_cast<unsigned char>(c)];
      if (!cls) cls = static_cast<unsigned char>(class_count_++);
    }
  }
  stay_class_ = class_count_;
  width_ = class_count_ + 2;  // the classes, separators, and the node's number
}

// The trie, straight into the table: a node's row holds its children's numbers (0: none,
// since the root is nobody's child). Every edge is also listed, for link_failures(), and
// each skeleton's last node with its brand in `own`. Returns the number of nodes, or 0 when
// they would be more than kMaxNodes.
FAKELENS_PACK_LOADING
std::size_t BrandSkeletonIndex::build_trie(const Skeletons& skeletons, std::vector<Edge>& edges,
                                           std::vector<std::pair<std::uint32_t, std::uint32_t>>& own) {
  const std::size_t width = width_;
  // Room for the nodes the skeletons could need, up to 8,192 (the default pack needs about
  // 7,300); past that the table doubles, rather than growing per node. Trimmed below.
  std::size_t most_nodes = 1;
  for (const auto& entry : skeletons) most_nodes += entry.first.size();
  const std::size_t room = std::min<std::size_t>({most_nodes, 8192, kMaxNodes});
  // As much again is reserved (not written) for the copies of rows where brands end, added
  // last: the table is not moved when they come. Moving it had meant a second megabyte of
  // fresh memory, and first touches of memory are slow in a browser's WebAssembly.
  rows_.clear();
  rows_.reserve(2 * room * width);
  // clear() and resize(): zeros written as one block fill; assign(n, 0) stored them one by
  // one, which cost 2 ms of a cold start in WebAssembly's baseline code.
  rows_.resize(room * width);
  edges.reserve(room);  // one edge per node but the root
  own.reserve(skeletons.size());
  std::size_t nodes = 1;
  for (const auto& [skeleton, brand] : skeletons) {
    std::size_t node = 0;
    for (const char c : skeleton) {
      const std::uint32_t cls = byte_class_[static_cast<unsigned char>(c)];
      const std::size_t slot = node * width + cls;
      if (rows_[slot] == 0) {
        if (nodes >= kMaxNodes) return 0;
        if ((nodes + 1) * width > rows_.size()) rows_.resize(std::min(2 * nodes, kMaxNodes) * width);
        rows_[slot] = static_cast<std::uint32_t>(nodes);
        edges.push_back({static_cast<std::uint32_t>(node), cls, static_cast<std::uint32_t>(nodes)});
        ++nodes;
      }
      node = rows_[slot];
    }
    own.emplace_back(static_cast<std::uint32_t>(node), brand);
  }
  // Not shrunk: the copies of rows where brands end come after these (add_flagged_copies).
  rows_.resize(nodes * width);
  return nodes;
}

// Each node's own brands, into outputs_ (sorted, each once), indexed by first_output_.
// Placed by counting, not std::sort: a node holds a brand or two, and the sort's code was
// recompiled by V8's optimising compiler on every cold start in WebAssembly.
FAKELENS_PACK_LOADING
void BrandSkeletonIndex::list_outputs(std::size_t nodes, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& own) {
  first_output_.assign(nodes + 1, 0);
  for (const auto& entry : own) ++first_output_[entry.first + 1];
  for (std::size_t node = 0; node < nodes; ++node) first_output_[node + 1] += first_output_[node];
  outputs_.assign(own.size(), 0);
  {
    std::vector<std::uint32_t> next(first_output_.begin(), first_output_.end() - 1);
    for (const auto& [node, brand] : own) outputs_[next[node]++] = brand;
  }
  // Sorted within each node (insertion: the lists are short), then each brand once.
  std::size_t kept = 0;
  for (std::size_t node = 0; node < nodes; ++node) {
    const std::size_t begin = first_output_[node];
    const std::size_t end = first_output_[node + 1];
    for (std::size_t i = begin + 1; i < end; ++i) {
      const std::uint32_t brand = outputs_[i];
      std::size_t j = i;
      for (; j > begin && outputs_[j - 1] > brand; --j) outputs_[j] = outputs_[j - 1];
      outputs_[j] = brand;
    }
    first_output_[node] = static_cast<std::uint32_t>(kept);
    for (std::size_t i = begin; i < end; ++i) {
      if (i == begin || outputs_[i] != outputs_[i - 1]) outputs_[kept++] = outputs_[i];
    }
  }
  first_output_[nodes] = static_cast<std::uint32_t>(kept);
  outputs_.resize(kept);
}

// Breadth first, so that a node's failure node (shallower) has its finished row when the
// node is reached. A node's row starts as a copy of its failure node's row (where the
// automaton goes for every byte with no child here), then its own children replace their
// entries: one block copy per node rather than a step per node and byte class. Entries
// become byte offsets of rows: the target's own row, or its copy when brands end there.
FAKELENS_PACK_LOADING
void BrandSkeletonIndex::link_failures(std::size_t nodes, const std::vector<Edge>& edges) {
  const std::size_t width = width_;
  // Each node's edges, grouped by parent.
  std::vector<std::uint32_t> first_edge(nodes + 1);
  for (const Edge& edge : edges) ++first_edge[edge.parent + 1];
  for (std::size_t node = 0; node < nodes; ++node) first_edge[node + 1] += first_edge[node];
  std::vector<Edge> by_parent(edges.size());
  {
    std::vector<std::uint32_t> next_slot(first_edge.begin(), first_edge.end() - 1);
    for (const Edge& edge : edges) by_parent[next_slot[edge.parent]++] = edge;
  }
  const std::uint32_t row_bytes = this->row_bytes();
  flagged_from_ = static_cast<std::uint32_t>(nodes) * row_bytes;
  copy_node_.clear();
  std::vector<std::uint32_t> fail(nodes);
  output_link_.clear();
  output_link_.resize(nodes);
  const auto entry_for = [&](std::uint32_t target) {
    if (!has_own_brands(target) && output_link_[target] == 0) return target * row_bytes;
    copy_node_.push_back(static_cast<std::uint16_t>(target));
    return flagged_from_ + static_cast<std::uint32_t>(copy_node_.size() - 1) * row_bytes;
  };
  std::vector<std::uint32_t> queue;
  queue.reserve(nodes);
  queue.push_back(0);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const std::uint32_t node = queue[head];
    std::uint32_t* row = rows_.data() + node * width;
    const std::uint32_t* fail_row = rows_.data() + fail[node] * width;
    if (node == 0) {
      std::fill(row, row + width, 0u);  // no child: stay at the root
    } else {
      std::copy(fail_row, fail_row + width, row);
      row[stay_class_] = node * row_bytes;  // a separator: stay here (and report nothing again)
      row[stay_class_ + 1] = node;
    }
    for (std::uint32_t e = first_edge[node]; e < first_edge[node + 1]; ++e) {
      const Edge& edge = by_parent[e];
      const std::uint32_t via_fail = node == 0 ? 0 : node_at(fail_row[edge.cls]);
      fail[edge.child] = via_fail;
      output_link_[edge.child] = static_cast<std::uint16_t>(has_own_brands(via_fail) ? via_fail : output_link_[via_fail]);
      row[edge.cls] = entry_for(edge.child);
      queue.push_back(edge.child);
    }
  }
}

// The copies of the rows where brands end, now that every row is final.
FAKELENS_PACK_LOADING
void BrandSkeletonIndex::add_flagged_copies(std::size_t nodes) {
  const std::size_t width = width_;
  rows_.resize((nodes + copy_node_.size()) * width);
  for (std::size_t copy = 0; copy < copy_node_.size(); ++copy) {
    const std::uint32_t* original = rows_.data() + std::size_t{copy_node_[copy]} * width;
    std::copy(original, original + width, rows_.data() + (nodes + copy) * width);
  }
}

// The scan's lookups from text to column: ASCII, two-byte characters, and the range of
// three-byte characters that need a look.
FAKELENS_PACK_LOADING
void BrandSkeletonIndex::fill_columns() {
  const SkeletonTable& table = skeleton_table();
  for (int c = 0; c < 128; ++c) {
    const char letter = table.ascii[static_cast<std::size_t>(c)];
    ascii_column_[c] = column(letter ? byte_class_[static_cast<unsigned char>(letter)] : stay_class_);
  }
  two_byte_class_.assign(0x800 - 0x80, kKeepBytes);
  for (char32_t cp = 0x80; cp < 0x800; ++cp) {
    if (is_skeleton_separator(cp)) {
      two_byte_class_[cp - 0x80] = static_cast<std::uint16_t>(stay_class_);
      continue;
    }
    const auto it = std::lower_bound(table.others.begin(), table.others.end(), std::make_pair(cp, '\0'));
    if (it != table.others.end() && it->first == cp) two_byte_class_[cp - 0x80] = byte_class_[static_cast<unsigned char>(it->second)];
  }
  // The three-byte characters that are not kept byte by byte: look-alikes ('€') and
  // separators ('•', '’'). All sit in a narrow range, far from CJK.
  three_byte_special_ = {0x10000, 0};
  const auto widen = [this](char32_t cp) {
    if (cp < 0x800 || cp > 0xFFFF) return;
    three_byte_special_.first = std::min(three_byte_special_.first, cp);
    three_byte_special_.second = std::max(three_byte_special_.second, cp);
  };
  for (const auto& other : table.others) widen(other.first);
  for (const char32_t separator : kSkeletonSeparators) widen(separator);
}

std::uint32_t BrandSkeletonIndex::node_at(std::uint32_t row) const {
  return row < flagged_from_ ? row / row_bytes() : copy_node_[(row - flagged_from_) / row_bytes()];
}

std::uint32_t BrandSkeletonIndex::report(std::uint32_t row, std::vector<std::uint32_t>& found) const {
  // The row's last entry is its node's number (node_at's division is for the build).
  const std::uint32_t node = rows_[row / sizeof(std::uint32_t) + stay_class_ + 1];
  for (std::size_t at = has_own_brands(node) ? node : output_link_[node]; at != 0; at = output_link_[at]) {
    for (std::uint32_t i = first_output_[at]; i < first_output_[at + 1]; ++i) {
      if (std::find(found.begin(), found.end(), outputs_[i]) == found.end()) found.push_back(outputs_[i]);
    }
  }
  return node * row_bytes();
}

void BrandSkeletonIndex::candidates(std::string_view folded, std::vector<std::uint32_t>& found) const {
  found.clear();
  if (outputs_.empty()) return;
  const char* const table = reinterpret_cast<const char*>(rows_.data());
  const std::uint32_t flagged_from = flagged_from_;
  const auto* const text = reinterpret_cast<const unsigned char*>(folded.data());
  const std::size_t size = folded.size();
  std::uint32_t row = 0;
  const auto next_row = [table](std::uint32_t at, std::uint32_t column) {
    std::uint32_t entry;
    std::memcpy(&entry, table + column + at, sizeof entry);
    return entry;
  };
  const auto step = [&](std::uint32_t column) {
    row = next_row(row, column);
    if (row >= flagged_from) row = report(row, found);
  };
  for (std::size_t pos = 0;;) {
    // A run of ASCII, the common case: per byte one lookup and one step, each step one add
    // and one load. No call in the loop, so compilers keep it all in registers; a node
    // where brands end stops it.
    while (pos < size && text[pos] < 0x80 && row < flagged_from) row = next_row(row, ascii_column_[text[pos++]]);
    if (row >= flagged_from) {
      row = report(row, found);
      continue;
    }
    if (pos >= size) break;
    const unsigned char lead = text[pos];
    if ((lead & 0xE0) == 0xC0 && pos + 1 < size && (text[pos + 1] & 0xC0) == 0x80) {
      const unsigned char second = text[pos + 1];
      const std::size_t cp = (static_cast<std::size_t>(lead & 0x1F) << 6) | (second & 0x3F);
      if (cp >= 0x80) {  // not an overlong form
        const std::uint16_t cls = two_byte_class_[cp - 0x80];
        if (cls == kKeepBytes) {
          step(column(byte_class_[lead]));
          step(column(byte_class_[second]));
        } else {
          step(column(cls));
        }
        pos += 2;
        continue;
      }
    }
    // A three-byte character (CJK) that stands for no letter, the common case past
    // Cyrillic: its bytes, as they are. Only when it is whole and well formed.
    if ((lead & 0xF0) == 0xE0 && pos + 2 < size && (text[pos + 1] & 0xC0) == 0x80 &&
        (text[pos + 2] & 0xC0) == 0x80 && (pos + 3 == size || (text[pos + 3] & 0xC0) != 0x80)) {
      const char32_t cp = (static_cast<char32_t>(lead & 0x0F) << 12) |
                          (static_cast<char32_t>(text[pos + 1] & 0x3F) << 6) | (text[pos + 2] & 0x3F);
      if (cp >= 0x800 && (cp < three_byte_special_.first || cp > three_byte_special_.second)) {
        step(column(byte_class_[lead]));
        step(column(byte_class_[text[pos + 1]]));
        step(column(byte_class_[text[pos + 2]]));
        pos += 3;
        continue;
      }
    }
    // Four-byte characters, the three-byte ones above ('€', '•'), and anything malformed.
    std::size_t end = pos + 1;
    while (end < size && (text[end] & 0xC0) == 0x80) ++end;
    for_each_skeleton_byte(folded.substr(pos, end - pos), [&](unsigned char byte) { step(column(byte_class_[byte])); });
    pos = end;
  }
  std::sort(found.begin(), found.end());
}

}  // namespace fakelens::internal
