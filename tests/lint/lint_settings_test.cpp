#include <catch2/catch.hpp>

#include "lint/lint_settings.hpp"
#include "util/errors.hpp"

using plumb::find_lint_rule;
using plumb::LintSettings;
using plumb::Severity;

TEST_CASE("without overrides every rule runs at its default and the rule set says so", "[lint]") {
  const LintSettings settings;
  CHECK(settings.severity_of(*find_lint_rule("index-without-concurrently")) == Severity::error);
  CHECK_FALSE(settings.severity_of(*find_lint_rule("prefer-bigint")));
  CHECK(settings.rule_set_name() == "plumb lint defaults");
}

TEST_CASE("an excluded rule is off and a severity turns a style rule on", "[lint]") {
  LintSettings settings;
  settings.exclude("drop-column");
  settings.set_severity("prefer-bigint=info");
  settings.set_severity("require-timeout-settings=error");
  CHECK_FALSE(settings.severity_of(*find_lint_rule("drop-column")));
  CHECK(settings.severity_of(*find_lint_rule("prefer-bigint")) == Severity::info);
  CHECK(settings.severity_of(*find_lint_rule("require-timeout-settings")) == Severity::error);
  CHECK(settings.rule_set_name() == "plumb lint defaults with drop-column=off, prefer-bigint=info, require-timeout-settings=error");
}

TEST_CASE("an unknown rule id, a missing level or an unknown level is refused", "[lint]") {
  LintSettings settings;
  CHECK_THROWS_WITH(settings.exclude("drop-colum"),
                    Catch::StartsWith("unknown lint rule 'drop-colum' (known: unlintable-file, index-without-concurrently, "));
  CHECK_THROWS_MATCHES(settings.set_severity("prefer-bigint"), plumb::InputError,
                       Catch::Message("--severity 'prefer-bigint': write RULE-ID=LEVEL, e.g. prefer-bigint=warning"));
  CHECK_THROWS_MATCHES(settings.set_severity("prefer-bigint=fatal"), plumb::InputError,
                       Catch::Message("--severity 'prefer-bigint=fatal': the level must be error, warning, info or off"));
}
