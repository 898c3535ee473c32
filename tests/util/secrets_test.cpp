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

TEST_CASE("a URI password holding an unescaped @ is masked whole", "[util]") {
  CHECK(mask_secrets("postgresql://u:p@ss@127.0.0.1/db") == "postgresql://u:****@127.0.0.1/db");
}

TEST_CASE("masking connection passwords leaves text without a connection string as it is, whatever is registered",
          "[util]") {
  // One letter, as PGPASSWORD=q would register: mask_secrets would star
  // every q; the connection-string pass must not touch a report.
  plumb::register_secret("q");
  const std::string report = "{\"$schema\": \"quick\", \"command\": \"check\"}";
  CHECK(plumb::mask_connection_passwords(report) == report);
  CHECK(plumb::mask_connection_passwords("cannot connect to host=x password=q") == "cannot connect to host=x password=****");
  // In a server's message a short secret is masked where it stands alone, not inside words.
  CHECK(mask_secrets("FATAL: database \"q\" does not exist; quota q") == "FATAL: database \"****\" does not exist; quota ****");
}

TEST_CASE("a password in an argument is overwritten in place, never growing the argument", "[util]") {
  struct Case {
    std::string argument, shown;
  };
  const Case cases[] = {
      {"postgresql://u:hunter22@h/d", std::string("postgresql://u:****@h/d") + std::string(4, '\0')},
      {"--db=host=h password=hunter22 dbname=d", "--db=host=h password=**** dbname=d" + std::string(4, '\0')},
      {"password='a b\\'c' dbname=d", "password=**** dbname=d" + std::string(4, '\0')},
      {"password=ab dbname=d", "password=** dbname=d"},
      {"postgresql://u:p@ss@h/d", std::string("postgresql://u:****@h/d")},
  };
  for (const auto& c : cases) {
    INFO(c.argument);
    std::string argument = c.argument;
    CHECK(plumb::mask_connection_passwords_in_place(argument.data()));
    CHECK(argument == c.shown);
  }
  std::string plain = "--rules";
  CHECK_FALSE(plumb::mask_connection_passwords_in_place(plain.data()));
  CHECK(plain == "--rules");
}
