#include "signals/spec_plausibility.h"

#include <doctest/doctest.h>

#include "signal_pack.h"

using fakelens::internal::find_quantities;
using fakelens::internal::Quantity;
using fakelens::testing::find_evidence;
using fakelens::testing::score_with_signals;

TEST_CASE("quantities are read with their units") {
  auto storage = find_quantities("phone 16gb+1tb rom 2,5tb", Quantity::kStorageGb);
  REQUIRE(storage.size() == 3);
  CHECK(storage[0].value == 16);
  CHECK(storage[1].value == 1024);
  CHECK(storage[2].value == doctest::Approx(2560));
  CHECK(find_quantities("50000mah slim", Quantity::kBatteryMah)[0].value == 50000);
  CHECK(find_quantities("200 mp camera", Quantity::kCameraMp)[0].value == 200);
  CHECK(find_quantities("native 4k projector", Quantity::kVideoLines)[0].value == 2160);
  CHECK(find_quantities("model x4k2", Quantity::kVideoLines).empty());
  CHECK(find_quantities("5g network", Quantity::kStorageGb)[0].value == 5);
  const auto ram_rom = find_quantities("12g+1t rom", Quantity::kStorageGb);
  REQUIRE(ram_rom.size() == 2);
  CHECK(ram_rom[1].value == 1024);
  CHECK(find_quantities("charger for oneplus 8t", Quantity::kStorageGb).empty());
}

TEST_CASE("units are read in other languages and scripts") {
  CHECK(find_quantities("флешка 2 тб usb", Quantity::kStorageGb)[0].value == 2048);
  CHECK(find_quantities("cle usb 2 to haute vitesse", Quantity::kStorageGb)[0].value == 2048);
  CHECK(find_quantities("usb splitter 1 to 4 ports", Quantity::kStorageGb).empty());
  CHECK(find_quantities("2 تيرابايت", Quantity::kStorageGb)[0].value == 2048);
  CHECK(find_quantities("50000毫安 充电宝", Quantity::kBatteryMah)[0].value == 50000);
  CHECK(find_quantities("990000 lumens flashlight", Quantity::kLumens)[0].value == 990000);
  CHECK(find_quantities("gan charger 240w usb-c", Quantity::kWatts)[0].value == 240);
  CHECK(find_quantities("65\" 4k smart tv", Quantity::kInches)[0].value == 65);
  CHECK(find_quantities("smart tv 65 zoll", Quantity::kInches)[0].value == 65);
  CHECK(find_quantities("65英寸 电视", Quantity::kInches)[0].value == 65);
}

TEST_CASE("an impossible capacity for the price is flagged with the claim highlighted") {
  const auto verdict = score_with_signals(
      R"({"title":"2TB Flash Drive USB 3.0","price":{"amount":15,"currency":"USD"}})");
  const auto* evidence = find_evidence(verdict, "spec.usb-flash-capacity");
  REQUIRE(evidence);
  CHECK(*evidence->match == "2TB");
  CHECK(evidence->span->start == 0);
  CHECK(evidence->span->end == 3);
  CHECK(evidence->message == "2TB USB flash drive at 15.00 USD, needs 102.00 USD");
  CHECK(evidence->category == fakelens::Category::kExaggeration);
}

TEST_CASE("plausible capacities and small claims are left alone") {
  CHECK_FALSE(find_evidence(score_with_signals(R"({"title":"1TB flash drive","price":{"amount":60,"currency":"USD"}})"), "spec.usb-flash-capacity"));
  CHECK_FALSE(find_evidence(score_with_signals(R"({"title":"64GB flash drive","price":{"amount":3,"currency":"USD"}})"), "spec.usb-flash-capacity"));
  CHECK_FALSE(find_evidence(score_with_signals(R"({"title":"2TB flash drive"})"), "spec.usb-flash-capacity"));
}
