#include <catch2/catch.hpp>

#include <cstdlib>

#include "db/connection_settings.hpp"
#include "util/errors.hpp"

using plumb::ConnectionSettings;

namespace {

// Sets an environment variable for one test and restores it after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : m_name(name) {
    if (const char* old = std::getenv(name)) m_old = old;
    if (value) setenv(name, value, 1);
    else unsetenv(name);
  }
  ~ScopedEnv() {
    if (m_old.empty()) unsetenv(m_name);
    else setenv(m_name, m_old.c_str(), 1);
  }

 private:
  const char* m_name;
  std::string m_old;
};

}  // namespace

TEST_CASE("the --db flag wins over DATABASE_URL", "[db-settings]") {
  ScopedEnv url("DATABASE_URL", "postgresql://other@h/other");
  const auto settings = ConnectionSettings::resolve("dbname=mine");
  CHECK(settings.origin() == "--db");
  CHECK(settings.option("dbname") == "mine");
  CHECK_FALSE(settings.option("user"));
}

TEST_CASE("DATABASE_URL is used when --db is absent", "[db-settings]") {
  ScopedEnv url("DATABASE_URL", "postgresql://app@db.example:6543/appdb");
  const auto settings = ConnectionSettings::resolve("");
  CHECK(settings.origin() == "DATABASE_URL");
  CHECK(settings.option("host") == "db.example");
  CHECK(settings.option("port") == "6543");
  CHECK(settings.option("user") == "app");
}

TEST_CASE("with neither, libpq's PG* variables decide", "[db-settings]") {
  ScopedEnv url("DATABASE_URL", nullptr);
  const auto settings = ConnectionSettings::resolve("");
  CHECK(settings.origin() == "PG* environment");
  CHECK(settings.describe() == "libpq defaults (PG* environment)");
}

TEST_CASE("the libpq string names plumb and bounds the connect time", "[db-settings]") {
  ScopedEnv timeout("PGCONNECT_TIMEOUT", nullptr);
  const auto settings = ConnectionSettings::from_string("postgresql://u@h/d", "--db");
  CHECK(settings.libpq_string() ==
        "connect_timeout='10' dbname='d' fallback_application_name='plumb' host='h' user='u'");
}

TEST_CASE("a user's own application_name and connect_timeout are kept", "[db-settings]") {
  const auto settings =
      ConnectionSettings::from_string("application_name=deploy connect_timeout=3", "--db");
  const auto text = settings.libpq_string();
  CHECK(text.find("application_name='deploy'") != std::string::npos);
  CHECK(text.find("connect_timeout='3'") != std::string::npos);
}

TEST_CASE("describe masks the password", "[db-settings]") {
  const auto settings = ConnectionSettings::from_string("postgresql://u:pa55word@h:1/d", "--db");
  CHECK(settings.describe() == "dbname=d host=h password=**** port=1 user=u");
}

TEST_CASE("a connection string that does not parse is bad input with its password masked", "[db-settings]") {
  struct Case {
    std::string conninfo;
    std::string message;
  };
  const Case cases[] = {
      {"host=a password=s3cret bogus=1",
       "invalid connection string from --db: invalid connection option \"bogus\""},
      {"postgresql://u:s3cret@h/d?bogus=1",
       "invalid connection string from --db: invalid URI query parameter: \"bogus\""},
      {"host='unterminated", "invalid connection string from --db: unterminated quoted string in "
                             "connection info string"},
  };
  for (const auto& c : cases) {
    INFO(c.conninfo);
    try {
      ConnectionSettings::from_string(c.conninfo, "--db");
      FAIL("no error");
    } catch (const plumb::InputError& error) {
      CHECK(std::string(error.what()) == c.message);
    }
  }
}

TEST_CASE("a URI whose password holds an unescaped @ is refused with the hint to percent-encode it", "[db-settings]") {
  try {
    ConnectionSettings::from_string("postgresql://u:p@ss@127.0.0.1/db", "--db");
    FAIL("no error");
  } catch (const plumb::InputError& error) {
    CHECK(std::string(error.what()) ==
          "invalid connection string from --db: the user name or password holds an unescaped '@', which libpq "
          "would read as the start of the host; percent-encode it as %40 (p@ss becomes p%40ss)");
  }
  const auto encoded = ConnectionSettings::from_string("postgresql://u:p%40ss@127.0.0.1/db", "--db");
  CHECK(encoded.option("password") == "p@ss");
  CHECK(encoded.option("host") == "127.0.0.1");
  CHECK(ConnectionSettings::from_string("host=h password=p@ss@x", "--db").option("password") == "p@ss@x");
}

TEST_CASE("the flag --db-env reads the connection string from the variable it names", "[db-settings]") {
  ScopedEnv named("PLUMB_TEST_TARGET", "postgresql://app:pw@db.example/appdb");
  ScopedEnv url("DATABASE_URL", "postgresql://other@h/other");
  const auto settings = ConnectionSettings::resolve("", "PLUMB_TEST_TARGET");
  CHECK(settings.origin() == "--db-env PLUMB_TEST_TARGET");
  CHECK(settings.describe() == "dbname=appdb host=db.example password=**** user=app");
}

TEST_CASE("the flag --db-env naming a variable that is not set is bad input", "[db-settings]") {
  ScopedEnv named("PLUMB_TEST_TARGET", nullptr);
  try {
    ConnectionSettings::resolve("", "PLUMB_TEST_TARGET");
    FAIL("no error");
  } catch (const plumb::InputError& error) {
    CHECK(std::string(error.what()) == "--db-env PLUMB_TEST_TARGET: the environment variable is not set or empty");
  }
}
