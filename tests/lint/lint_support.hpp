// Helpers of the lint tests: a folder of migrations held in memory, linted
// against models written inline.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "lint/lint_runner.hpp"

namespace plumb::testing {

// (file name, text) pairs, read as read_migration_folder would read them.
using MigrationTexts = std::vector<std::pair<std::string, std::string>>;

std::vector<LintMigration> read_texts(const MigrationTexts& files);

// Lints `files` with the models of `rules_yaml` (may be empty), no database.
CheckReport lint_texts(const MigrationTexts& files, const std::string& rules_yaml = "", const LintSettings& settings = LintSettings());

// Every rule at its default severity, and the rules that are off by default at warning.
LintSettings every_rule_on();

// The findings of `rule_id`, at or above warning (suppressed ones left out).
std::vector<Finding> unsuppressed(const CheckReport& report, const std::string& rule_id);

// Every finding of `rule_id`, suppressed ones included.
std::vector<Finding> all_findings(const CheckReport& report, const std::string& rule_id);

}  // namespace plumb::testing
