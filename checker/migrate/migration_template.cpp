#include "migrate/migration_template.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <regex>

#include "migrate/migration_file.hpp"
#include "util/errors.hpp"

namespace plumb {
namespace {

const size_t k_timestamp_digits = 14;  // YYYYMMDDHHMMSS

std::string timestamp(std::time_t now) {
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%d%H%M%S", &utc);
  return text;
}

std::string padded(long long version, size_t width) {
  std::string digits = std::to_string(version);
  return digits.size() >= width ? digits : std::string(width - digits.size(), '0') + digits;
}

// The version digits of the newest file (by version), or empty for a folder without migrations.
std::string newest_digits(const std::vector<std::string>& existing) {
  std::string newest;
  for (const auto& path : existing) {
    const auto parts = parse_migration_file_name(std::filesystem::path(path).filename().string());
    if (parts && (newest.empty() || std::stoll(parts->digits) > std::stoll(newest))) newest = parts->digits;
  }
  return newest;
}

std::string next_version(const std::string& newest, std::time_t now) {
  if (newest.empty()) return "001";
  const long long last = std::stoll(newest);
  if (newest.size() != k_timestamp_digits) return padded(last + 1, newest.size());
  const std::string stamp = timestamp(now);
  return std::stoll(stamp) > last ? stamp : std::to_string(last + 1);
}

std::string template_text(const std::string& label, bool concurrent_index) {
  const std::string header = "-- " + label + ": what this migration does, and why\n";
  if (!concurrent_index) return header + "-- plumb:up\n\n-- plumb:down\n\n";
  return header +
         "-- CONCURRENTLY cannot run in a transaction: each statement runs on its own,\n"
         "-- so keep them safe to run again (IF NOT EXISTS, IF EXISTS).\n"
         "-- plumb:no-transaction\n"
         "-- plumb:up\n"
         "-- CREATE INDEX CONCURRENTLY IF NOT EXISTS index_table_on_column ON table_name (column_name);\n"
         "-- plumb:down\n"
         "-- DROP INDEX CONCURRENTLY IF EXISTS index_table_on_column;\n";
}

}  // namespace

MigrationTemplate next_migration(const std::string& directory, const std::vector<std::string>& existing,
                                 const std::string& name, bool concurrent_index, std::time_t now) {
  static const std::regex k_name("[a-z0-9_]+");
  if (!std::regex_match(name, k_name))
    throw InputError("migration name '" + name + "': use lowercase letters, digits and '_' (e.g. add_users_email)");
  const std::string label = next_version(newest_digits(existing), now) + "_" + name;
  return {(std::filesystem::path(directory) / (label + ".sql")).string(), template_text(label, concurrent_index)};
}

void write_migration_template(const MigrationTemplate& migration) {
  std::error_code error;
  std::filesystem::create_directories(std::filesystem::path(migration.path).parent_path(), error);
  if (error) throw InputError(migration.path + ": cannot create its directory: " + error.message());
  // "x": fail rather than replace a file someone created meanwhile.
  std::FILE* file = std::fopen(migration.path.c_str(), "wx");
  if (file == nullptr && errno == EEXIST) throw InputError(migration.path + ": already exists; pick another name");
  if (file == nullptr) throw RuntimeFailure(migration.path + ": cannot create the migration file: " + std::strerror(errno));
  const bool written = std::fwrite(migration.text.data(), 1, migration.text.size(), file) == migration.text.size();
  if (std::fclose(file) != 0 || !written) throw RuntimeFailure(migration.path + ": cannot write the migration file");
}

}  // namespace plumb
