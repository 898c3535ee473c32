#include "migrate/migration_file.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <memory>
#include <regex>

#include "migrate/statement_lock.hpp"
#include "util/errors.hpp"
#include "util/file_text.hpp"
#include "util/folder_files.hpp"
#include "util/sha256.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

const std::string k_directive_prefix = "-- plumb:";

const std::string k_utf8_bom = "\xEF\xBB\xBF";

// A part's bytes of the file's text, which its statements point into.
struct Part {
  int first_line = 0;  // the line after the marker; 0 while the marker is missing
  size_t begin = 0;
  size_t end = 0;
};

// The directive a line holds ("up", "down", "no-transaction"), if it is one.
std::optional<std::string> directive_of(const std::string& line) {
  const std::string trimmed = trim(line);
  if (!starts_with(trimmed, k_directive_prefix)) return std::nullopt;
  return trim(trimmed.substr(k_directive_prefix.size()));
}

void set_version_and_name(MigrationFile& migration) {
  const std::string file_name = std::filesystem::path(migration.path).filename().string();
  const auto parts = parse_migration_file_name(file_name);
  if (!parts)
    throw InputError(SourceLocation{migration.path, 1, 0},
                     "bad migration file name '" + file_name + "' (expected NNN_name.sql: digits, '_', then a-z, 0-9 and '_')");
  migration.version = std::stoll(parts->digits);
  migration.name = parts->name;
}

// Sorts the file's lines into the up and down parts and reads directives.
// An editor's UTF-8 byte order mark before the first line is not part of it.
void read_parts(MigrationFile& migration, const std::string& text, Part& up, Part& down) {
  Part* current = nullptr;
  size_t at = text.compare(0, k_utf8_bom.size(), k_utf8_bom) == 0 ? k_utf8_bom.size() : 0;
  for (int number = 1; at < text.size(); ++number) {
    const size_t newline = text.find('\n', at);
    const size_t next = newline == std::string::npos ? text.size() : newline + 1;
    const auto directive = directive_of(text.substr(at, next - at));
    const SourceLocation where{migration.path, number, 0};
    at = next;
    if (!directive) {
      if (current != nullptr) current->end = next;
      continue;
    }
    if (*directive == "no-transaction" && up.first_line == 0) {
      migration.transactional = false;
    } else if (*directive == "up" && up.first_line == 0) {
      current = &up;
      up = Part{number + 1, next, next};
    } else if (*directive == "down" && up.first_line != 0 && down.first_line == 0) {
      current = &down;
      down = Part{number + 1, next, next};
    } else if (*directive == "up" || *directive == "down" || *directive == "no-transaction") {
      throw InputError(where, "'-- plumb:" + *directive + "' is out of place (the order is: no-transaction, up, down; each once)");
    } else {
      throw InputError(where, "unknown directive '-- plumb:" + *directive + "' (known: up, down, no-transaction)");
    }
  }
}

// CREATE INDEX CONCURRENTLY and its kind fail inside a transaction; say so
// before anything runs rather than halfway through a deploy.
void refuse_autocommit_statements_in_transaction(const MigrationFile& migration) {
  if (!migration.transactional) return;
  for (const auto* part : {&migration.up, &migration.down})
    for (const auto& statement : *part)
      if (needs_autocommit(statement))
        throw InputError(statement.where(), "this statement cannot run inside a transaction; add a '-- plumb:no-transaction' line before '-- plumb:up'");
}

}  // namespace

std::optional<MigrationFileName> parse_migration_file_name(const std::string& file_name) {
  static const std::regex k_name(R"(([0-9]+)_([a-z0-9_]+)\.sql)");
  std::smatch match;
  if (!std::regex_match(file_name, match, k_name) || match[1].length() > 15) return std::nullopt;
  return MigrationFileName{match[1], match[2]};
}

std::string MigrationFile::label() const {
  return std::filesystem::path(path).stem().string();
}

MigrationFile parse_migration_file(const std::string& path, std::string text) {
  MigrationFile migration;
  migration.path = path;
  migration.checksum = sha256_hex(text);
  set_version_and_name(migration);
  Part up, down;
  read_parts(migration, text, up, down);
  if (up.first_line == 0) throw InputError(SourceLocation{path, 1, 0}, "no '-- plumb:up' line: a migration needs an up part");
  const auto source = std::make_shared<const SqlSource>(SqlSource{path, std::move(text)});
  migration.up = split_sql(source, up.begin, up.end, up.first_line);
  if (migration.up.empty())
    throw InputError(SourceLocation{path, up.first_line - 1, 0}, "the up part has no statements");
  migration.has_down = down.first_line != 0;
  if (migration.has_down) migration.down = split_sql(source, down.begin, down.end, down.first_line);
  refuse_autocommit_statements_in_transaction(migration);
  return migration;
}

std::vector<MigrationFile> load_migrations(const std::string& directory) {
  std::vector<MigrationFile> migrations;
  for (const auto& path : list_sql_files(directory))
    migrations.push_back(parse_migration_file(path, read_migration_text(path)));
  std::sort(migrations.begin(), migrations.end(),
            [](const MigrationFile& a, const MigrationFile& b) { return a.version < b.version; });
  refuse_shared_versions(migrations, [](const MigrationFile& m) { return std::to_string(m.version); });
  return migrations;
}

std::vector<std::string> list_sql_files(const std::string& directory) {
  return files_in_folder(directory, "migrations directory", {".sql"}, false);
}

std::string read_migration_text(const std::string& path) {
  auto text = read_file_text(path);
  if (!text) throw InputError(path + ": cannot read the migration file");
  return std::move(*text);
}

}  // namespace plumb
