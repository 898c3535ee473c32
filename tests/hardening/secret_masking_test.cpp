// Passwords in reports and messages: a password is masked where it can
// really appear (connection strings, libpq's and the server's messages),
// and a report is never searched and replaced: with a one-letter password
// every format must come out exactly as without one.
#include <catch2/catch.hpp>

#include <regex>

#include "support/reference_schema.hpp"
#include "support/run_plumb.hpp"
#include "support/schema_validator.hpp"

using namespace plumb::testing;

namespace {

const std::string k_rules = PLUMB_SOURCE_DIR "/rules/reference-data.yml";

// The report without what differs from run to run: each rule's duration
// (json "seconds", junit "time", text's "0.01s") and the age of the oldest
// stuck row, which moves with the clock.
std::string zero_timings(const std::string& report) {
  static const std::regex seconds("\"seconds\": [0-9.e-]+");
  static const std::regex time("time=\"[0-9.]+\"");
  static const std::regex age("the oldest for [^\"\\n<]*");
  static const std::regex text_seconds("[0-9]+\\.[0-9]+s\\b");
  std::string zeroed = std::regex_replace(report, seconds, "\"seconds\": 0");
  zeroed = std::regex_replace(zeroed, time, "time=\"0\"");
  zeroed = std::regex_replace(zeroed, age, "the oldest for T");
  return std::regex_replace(zeroed, text_seconds, "0s");
}

CommandResult check(const TestDatabase& database, const std::string& format, const std::optional<std::string>& password) {
  return run_plumb({"--db", database.conninfo(), "--format", format, "check", "--rules", k_rules},
                   {{"PGPASSWORD", password}});
}

}  // namespace

TEST_CASE("a one-letter password leaves every report format exactly as a run without a password", "[db][hardening]") {
  TestDatabase database;
  apply_reference_schema_at_incident(database);
  load_incident(database);
  // "s" once turned SARIF's "$schema" into "$****chema", "o" JSON's "command".
  for (const std::string password : {"s", "o", "e"}) {
    for (const std::string format : {"text", "json", "junit", "sarif"}) {
      INFO("PGPASSWORD=" << password << " --format " << format);
      const CommandResult without = check(database, format, std::nullopt);
      const CommandResult with = check(database, format, password);
      CHECK(with.exit_code == 1);
      CHECK(without.exit_code == 1);
      CHECK(zero_timings(with.out) == zero_timings(without.out));
      CHECK(with.out.find("****") == std::string::npos);
    }
  }
}

TEST_CASE("with PGPASSWORD=s the sarif report keeps its $schema and validates", "[db][hardening]") {
  TestDatabase database;
  apply_reference_schema_at_incident(database);
  load_incident(database);
  const CommandResult result = check(database, "sarif", "s");
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("\"$schema\": \"https://") != std::string::npos);
  const auto validation = validate_json(result.out, PLUMB_SOURCE_DIR "/tests/report/schemas/sarif-2.1.0-subset.schema.json");
  INFO(validation.output);
  CHECK(validation.exit_code == 0);
}

TEST_CASE("the same one-letter password inside a server's message is still masked", "[db][hardening]") {
  // The server names the database it cannot find: here the password itself.
  const CommandResult result = run_plumb({"ping", "--db", "dbname=s"}, {{"PGPASSWORD", "s"}});
  INFO(result.err);
  CHECK(result.exit_code == 3);
  CHECK(result.err.find("database \"****\" does not exist") != std::string::npos);
  CHECK(result.err.find("\"s\"") == std::string::npos);
  CHECK(count_lines(result.err) == 1);
}

TEST_CASE("a URI whose password holds an unescaped @ is refused before connecting, with the hint to percent-encode",
          "[hardening]") {
  const CommandResult result = run_plumb({"ping", "--db", "postgresql://u:p@ss@127.0.0.1/db"});
  CHECK(result.exit_code == 2);
  CHECK(result.err ==
        "plumb: invalid connection string from --db: the user name or password holds an unescaped '@', which libpq "
        "would read as the start of the host; percent-encode it as %40 (p@ss becomes p%40ss)\n");
}

TEST_CASE("the flag --db-env reads the connection string from the named variable, which ps never shows", "[db][hardening]") {
  TestDatabase database;
  const CommandResult result =
      run_plumb({"--format", "json", "ping", "--db-env", "PLUMB_TARGET"}, {{"PLUMB_TARGET", database.conninfo()}});
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("\"database\": \"" + database.name() + "\"") != std::string::npos);

  const CommandResult unset = run_plumb({"ping", "--db-env", "PLUMB_TARGET"}, {{"PLUMB_TARGET", std::nullopt}});
  CHECK(unset.exit_code == 2);
  CHECK(unset.err == "plumb: --db-env PLUMB_TARGET: the environment variable is not set or empty\n");

  const CommandResult both = run_plumb({"ping", "--db", "dbname=x", "--db-env", "PLUMB_TARGET"});
  CHECK(both.exit_code == 2);
}
