#include "pack/sha256.h"

#include <doctest/doctest.h>

#include <string>

#include "fakelens/rule_pack.h"
#include "test_support.h"

using fakelens::internal::sha256_hex;

TEST_CASE("FIPS 180-4 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("lengths around the block boundary differ") {
  std::string previous;
  for (std::size_t length = 50; length < 140; ++length) {
    const std::string digest = sha256_hex(std::string(length, 'x'));
    CHECK(digest.size() == 64);
    CHECK(digest != previous);
    previous = digest;
  }
}

TEST_CASE("the build knows the digest of the shipped pack") {
  CHECK(fakelens::default_rule_pack_sha256() ==
        sha256_hex(fakelens::testing::read_source_file("rules/default.rules.json")));
}
