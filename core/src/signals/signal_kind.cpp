// What the kinds share (signal_kind.h).
#include "signals/signal_kind.h"

#include <algorithm>
#include <cmath>

namespace fakelens::internal {

const std::vector<Brand>& PackTables::brand_list() const {
  static const std::vector<Brand> kNoBrands;
  return brands ? brands->brands() : kNoBrands;
}

const std::string* PackTables::brand_alternation() const {
  return brands && !brands->brands().empty() ? &brands->plain_alternation() : nullptr;
}

void PackLoad::not_kept(const Json& json) {
  if (!json.is_object()) return;
  const auto id = json.find("id");
  if (id != json.end() && id->is_string()) unloaded_rule_ids.insert(id->get<std::string>());
}

std::string rule_id_path(const char* key, std::size_t index) {
  std::string path = std::string("$.") + key;
  if (index != kNotInArray) path += "[" + std::to_string(index) + "]";
  return path + ".id";
}

int to_basis_points(double weight) {
  const long bp = std::lround(weight * kBasisPoints);
  return static_cast<int>(std::clamp<long>(bp, 0, kBasisPoints));
}

void FiredRules::add(const Evidence& item) {
  const int bp = to_basis_points(item.weight);
  auto [it, inserted] = strongest_.emplace(item.rule, std::make_pair(item.category, bp));
  if (!inserted) it->second.second = std::max(it->second.second, bp);
}

}  // namespace fakelens::internal
