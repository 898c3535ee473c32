#include <catch2/catch.hpp>

#include "util/secrets.hpp"

using plumb::mask_secrets;

TEST_CASE("a registered secret is masked wherever it appears", "[util]") {
  plumb::register_secret("hunter2-registered");
  CHECK(mask_secrets("password hunter2-registered rejected; hunter2-registered!") ==
        "password **** rejected; ****!");
}

TEST_CASE("passwords in URIs and key/value strings are masked without registration", "[util]") {
  struct Case {
    std::string text, masked;
  };
  const Case cases[] = {
      {"postgresql://u:s3cret@127.0.0.1:1/x", "postgresql://u:****@127.0.0.1:1/x"},
      {"postgres://:p@host/db", "postgres://:****@host/db"},
      {"host=a password=s3cret user=b", "host=a password=**** user=b"},
      {"host=a password = 'it''s x' user=b", "host=a password = ****'s x' user=b"},
      {"host=a PASSWORD='s p\\'q' user=b", "host=a PASSWORD=**** user=b"},
      {"postgresql://u@host/db", "postgresql://u@host/db"},
      {"PassWord=abc", "PassWord=****"},
      {"no value for the password", "no value for the password"},
      {"old_password password=abc", "old_password password=****"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(mask_secrets(c.text) == c.masked);
  }
}

TEST_CASE("a connection string of a hundred thousand characters is masked without crashing", "[util]") {
  const std::string long_value(100000, 'h');
  const auto masked = mask_secrets("host=" + long_value + " password=s3cret postgresql://u:s3cret@" + long_value);
  CHECK(masked.find("s3cret") == std::string::npos);
  CHECK(masked.size() == 2 * long_value.size() + std::string("host= password=**** postgresql://u:****@").size());
}
