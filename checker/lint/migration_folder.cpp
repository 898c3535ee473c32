#include "lint/migration_folder.hpp"

#include <algorithm>
#include <filesystem>
#include <regex>
#include <sstream>

#include "migrate/migration_file.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

std::vector<long long> version_parts(const std::string& text) {
  std::vector<long long> parts;
  std::string part;
  for (char c : text + ".") {
    if (c == '.' || c == '_') {
      if (!part.empty()) parts.push_back(std::stoll(part));
      part.clear();
    } else {
      part += c;
    }
  }
  return parts;
}

// The statements between dbmate's `-- migrate:up` and `-- migrate:down`.
void read_dbmate(LintMigration& migration) {
  std::istringstream lines(migration.text);
  std::string line, up;
  int first_line = 0;
  for (int number = 1; std::getline(lines, line); ++number) {
    const std::string trimmed = trim(line);
    if (starts_with(trimmed, "-- migrate:up")) {
      first_line = number + 1;
      migration.transactional = trimmed.find("transaction:false") == std::string::npos;
    } else if (starts_with(trimmed, "-- migrate:down")) {
      break;
    } else if (first_line != 0) {
      up += line + "\n";
    }
  }
  migration.statements = split_sql(up, migration.path, first_line);
}

void read_plumb(LintMigration& migration) {
  MigrationFile file = parse_migration_file(migration.path, migration.text);
  migration.transactional = file.transactional;
  migration.statements = std::move(file.up);
}

void read_whole_file(LintMigration& migration) {
  migration.statements = split_sql(migration.text, migration.path);
  if (migration.layout == "golang-migrate") migration.transactional = migration.statements.size() > 1;
}

}  // namespace

LintMigration read_lint_migration(const std::string& path, const std::string& text) {
  static const std::regex k_flyway(R"(V([0-9]+(?:[._][0-9]+)*)__.+\.sql)");
  static const std::regex k_skipped(R"((R__.+|U[0-9].*__.+|[0-9]+_.+\.down)\.sql)");
  static const std::regex k_golang(R"(([0-9]+)_.+\.up\.sql)");
  static const std::regex k_numbered(R"(([0-9]+)_.+\.sql)");
  const std::string name = std::filesystem::path(path).filename().string();
  LintMigration migration;
  migration.text = text;
  std::smatch match;
  if (std::regex_match(name, k_skipped)) return migration;
  migration.path = path;
  if (std::regex_match(name, match, k_flyway)) {
    migration.layout = "flyway";
  } else if (std::regex_match(name, match, k_golang)) {
    migration.layout = "golang-migrate";
  } else if (std::regex_match(name, match, k_numbered)) {
    migration.layout = text.find("-- migrate:up") != std::string::npos ? "dbmate" : "plumb";
  } else {
    throw InputError(SourceLocation{path, 1, 0}, "'" + name + "' is not a migration file name plumb knows (NNN_name.sql, V3__name.sql, 3_name.up.sql)");
  }
  migration.version_text = match[1];
  migration.version = version_parts(migration.version_text);
  if (migration.layout == "dbmate") read_dbmate(migration);
  else if (migration.layout == "plumb") read_plumb(migration);
  else read_whole_file(migration);
  return migration;
}

std::vector<LintMigration> read_migration_folder(const std::string& directory) {
  std::vector<LintMigration> migrations;
  for (const auto& path : list_sql_files(directory)) {
    LintMigration migration = read_lint_migration(path, read_migration_text(path));
    if (!migration.path.empty()) migrations.push_back(std::move(migration));
  }
  std::stable_sort(migrations.begin(), migrations.end(),
                   [](const LintMigration& a, const LintMigration& b) { return a.version < b.version; });
  refuse_shared_versions(migrations, [](const LintMigration& m) { return m.version_text; });
  return migrations;
}

}  // namespace plumb
