// The "brands" kind: the pack's brand catalogue (matching/brand_catalog.h), a kind without
// rules of its own. It loads first: text rules' {brand}, brand disguise, brand price floors
// and the listing rules' brand fields all use it.
#include "matching/brand_catalog.h"
#include "signals/kind_shapes.h"

namespace fakelens::internal {

// A catalogue's image is its brands; the rest (skeleton index, alternation) is built by
// index(), as the JSON loader builds it. (Written out, the index made the image 700 KB and
// saved no measurable time once the readers stopped being one function.)
struct BrandCatalogImage {
  static void write(ImageWriter& io, std::unique_ptr<BrandCatalog>& catalog) {
    io.u8(catalog ? 1 : 0);
    if (!catalog) return;
    io(catalog->brands_);
    for (const Brand& brand : catalog->brands_) {
      if (!spellings_in_bounds(brand)) io.problem = "a brand's spelling is not 4 to 60 bytes";
    }
  }
  FAKELENS_PACK_LOADING
  static void read(ImageReader& io, std::unique_ptr<BrandCatalog>& catalog) {
    catalog.reset();
    if (!io.flag()) return;
    catalog.reset(new BrandCatalog());
    io(catalog->brands_);
    for (const Brand& brand : catalog->brands_) {  // before index() builds from them
      if (!spellings_in_bounds(brand)) io.fail("a brand's spelling is not 4 to 60 bytes");
    }
    if (!io.failed() && !catalog->index()) io.fail("the brands' spellings are too many to index together");
  }
};

namespace {

class BrandsKind final : public SignalKind {
 public:
  const char* key() const override { return "brands"; }
  FAKELENS_PACK_LOADING
  void load(const Json& json, const std::string& path, PackLoad& load) override {
    load.tables.brands = BrandCatalog::load(json, path, load.reader);
  }
  // Text rules that follow hold the brands' alternation: from here on it is written once.
  void image(ImageWriter& io, PackTables& tables) override {
    BrandCatalogImage::write(io, tables.brands);
    if (tables.brands) io.alternation = &tables.brands->plain_alternation();
  }
  FAKELENS_PACK_LOADING
  void image(ImageReader& io, PackTables& tables) override {
    BrandCatalogImage::read(io, tables.brands);
    if (tables.brands) io.alternation = &tables.brands->plain_alternation();
  }
  void count(const PackTables& tables, PackCounts& counts) const override {
    counts.counts["brands"] = tables.brand_list().size();
  }
  const char* unsafe_for_scoring(const PackTables& tables, const std::set<std::string>&) const override {
    for (const Brand& brand : tables.brand_list()) {
      if (brand.spellings.empty() || brand.floor_usd.has_value() != (brand.floor_products != nullptr)) {
        return "a brand has no spelling, or a floor without its products";
      }
    }
    return nullptr;
  }
};

}  // namespace

std::unique_ptr<SignalKind> make_brands_kind() { return std::make_unique<BrandsKind>(); }

}  // namespace fakelens::internal
