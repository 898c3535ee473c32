#include "lint/migration_layout.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include "migrate/migration_file.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

namespace fs = std::filesystem;

const char* const k_looked_for =
    "plumb NNN_name.sql (-- plumb:up), Flyway V1__name.sql and R__name.sql, golang-migrate 1_name.up.sql, "
    "dbmate 20240101120000_name.sql (-- migrate:up), Diesel DIR/up.sql, Prisma DIR/migration.sql, "
    "pop 20150100000001000000_name.postgres.up.sql, sqitch sqitch.plan with deploy/NAME.sql, "
    "or any NAME.sql (a plain folder, run in name order)";

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Compares two runs of digits as numbers of any length.
int compare_digit_runs(const std::string& a, const std::string& b) {
  const size_t a_zeros = std::min(a.find_first_not_of('0'), a.size());
  const size_t b_zeros = std::min(b.find_first_not_of('0'), b.size());
  const size_t a_length = a.size() - a_zeros, b_length = b.size() - b_zeros;
  if (a_length != b_length) return a_length < b_length ? -1 : 1;
  return a.compare(a_zeros, a_length, b, b_zeros, b_length);
}

std::string digit_run(const std::string& text, size_t& at) {
  const size_t start = at;
  while (at < text.size() && is_digit(text[at])) ++at;
  return text.substr(start, at - start);
}

int compare_versions(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      const int order = compare_digit_runs(digit_run(a, i), digit_run(b, j));
      if (order != 0) return order;
    } else {
      if (a[i] != b[j]) return a[i] < b[j] ? -1 : 1;
      ++i, ++j;
    }
  }
  return static_cast<int>(i < a.size()) - static_cast<int>(j < b.size());
}

bool file_exists(const fs::path& path) {
  std::error_code ignored;
  return fs::is_regular_file(path, ignored);
}

// Diesel's `2020-01-01-000000_name/up.sql` and Prisma's `20200101000000_name/migration.sql`.
std::vector<MigrationSource> folder_per_migration_sources(const std::string& directory) {
  std::vector<MigrationSource> sources;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    // The entry's own type comes with the listing: no stat per file.
    std::error_code ignored;
    if (!entry.is_directory(ignored)) continue;
    const std::string name = entry.path().filename().string();
    const std::string version = name.substr(0, name.find('_'));
    if (file_exists(entry.path() / "up.sql")) sources.push_back({(entry.path() / "up.sql").string(), version, "diesel", false, ""});
    else if (file_exists(entry.path() / "migration.sql"))
      sources.push_back({(entry.path() / "migration.sql").string(), version, "prisma", false, ""});
  }
  return sources;
}

struct PlanEntry {
  std::string change;  // empty for a tag line
  std::string tag;
};

std::vector<PlanEntry> read_sqitch_plan(const std::string& plan_path) {
  std::ifstream plan(plan_path);
  std::vector<PlanEntry> entries;
  std::string line;
  while (std::getline(plan, line)) {
    const std::string trimmed = trim(line);
    if (trimmed.empty() || trimmed[0] == '%' || trimmed[0] == '#') continue;
    const std::string first = trimmed.substr(0, trimmed.find_first_of(" \t"));
    if (first[0] == '@') entries.push_back({"", first.substr(1)});
    else entries.push_back({first[0] == '+' || first[0] == '-' ? first.substr(1) : first, ""});
  }
  return entries;
}

// A change sqitch.plan names again later was reworked: its earlier script is
// deploy/NAME@TAG.sql, TAG being the first tag after it.
std::string sqitch_script(const std::vector<PlanEntry>& entries, size_t at) {
  const std::string& change = entries[at].change;
  bool reworked = false;
  std::string tag;
  for (size_t later = at + 1; later < entries.size(); ++later) {
    if (tag.empty() && !entries[later].tag.empty()) tag = entries[later].tag;
    if (entries[later].change == change) reworked = true;
  }
  return reworked && !tag.empty() ? change + "@" + tag : change;
}

std::vector<MigrationSource> sqitch_sources(const std::string& directory) {
  const std::vector<PlanEntry> entries = read_sqitch_plan((fs::path(directory) / "sqitch.plan").string());
  std::vector<MigrationSource> sources;
  for (size_t at = 0; at < entries.size(); ++at) {
    if (entries[at].change.empty()) continue;
    const fs::path script = fs::path(directory) / "deploy" / (sqitch_script(entries, at) + ".sql");
    MigrationSource source{script.string(), std::to_string(sources.size() + 1), "sqitch", false, ""};
    if (!file_exists(script)) source.misfit = "sqitch.plan names change '" + entries[at].change + "' but " + script.string() + " does not exist";
    sources.push_back(source);
  }
  return sources;
}

std::vector<MigrationSource> loose_file_sources(const std::string& directory) {
  std::vector<MigrationSource> sources;
  for (const auto& path : list_sql_files(directory)) {
    const FileNameLayout layout = layout_of_file_name(fs::path(path).filename().string());
    if (!layout.skipped) sources.push_back({path, layout.version, layout.layout, layout.repeatable, ""});
  }
  return sources;
}

// pop writes `N_name.up.sql` like golang-migrate; a folder with any of pop's
// dialect files is pop's. Loose files of no tool's layout in a tool's folder
// are not guessed at: each is reported.
void settle_mixed_names(std::vector<MigrationSource>& sources) {
  std::set<std::string> tools;
  for (const auto& source : sources)
    if (source.layout != "plain") tools.insert(source.layout == "numbered" ? "plumb or dbmate" : source.layout);
  const bool pop = tools.count("pop") != 0;
  for (auto& source : sources) {
    if (pop && source.layout == "golang-migrate") source.layout = "pop";
    if (source.layout == "plain" && !tools.empty())
      source.misfit = "'" + fs::path(source.path).filename().string() + "' fits none of the layouts of this folder (" +
                      join(std::vector<std::string>(tools.begin(), tools.end()), ", ") + ")";
  }
}

// pop runs, for each version, the file for PostgreSQL when there is one,
// else the file for every database (no dialect in its name).
void drop_pop_fallbacks(std::vector<MigrationSource>& sources) {
  std::set<std::string> postgres_versions;
  for (const auto& source : sources)
    if (source.layout == "pop" && source.path.find(".postgres.") != std::string::npos) postgres_versions.insert(source.version);
  sources.erase(std::remove_if(sources.begin(), sources.end(),
                               [&](const MigrationSource& source) {
                                 return source.layout == "pop" && source.path.find(".postgres.") == std::string::npos &&
                                        postgres_versions.count(source.version) != 0;
                               }),
                sources.end());
}

// Versioned migrations by version; Flyway's repeatables after them, by description.
void order_as_run(std::vector<MigrationSource>& sources) {
  std::stable_sort(sources.begin(), sources.end(), [](const MigrationSource& a, const MigrationSource& b) {
    if (a.repeatable != b.repeatable) return b.repeatable;
    return version_less(a.version, b.version);
  });
}

// Reads a file name the way the layouts' patterns do, without std::regex
// (which cost a millisecond per few hundred names in `plumb lint`). "Text"
// is one or more characters other than a line break, as `.+` in a pattern.
struct NameReader {
  const std::string& name;

  char at(size_t position) const { return position < name.size() ? name[position] : '\0'; }
  bool starts(const char* prefix) const { return name.rfind(prefix, 0) == 0; }
  size_t digits_at(size_t position) const {
    size_t end = position;
    while (end < name.size() && is_digit(name[end])) ++end;
    return end - position;
  }
  bool is_text(size_t from, size_t to) const {
    return from < to && name.find_first_of("\r\n", from) >= to;
  }
  // Whether the name is text from `from` on, then `suffix`.
  bool ends_with_text_before(const std::string& suffix, size_t from) const {
    return name.size() >= suffix.size() && ends_with(name, suffix) && is_text(from, name.size() - suffix.size());
  }
  bool ends_in_sql(size_t from) const { return ends_with_text_before(".sql", from); }
};

// Flyway's `V1_2__name.sql`: the version with `_` read as `.`, as Flyway does.
std::optional<std::string> flyway_version(const std::string& name) {
  const NameReader reader{name};
  if (!reader.starts("V")) return std::nullopt;
  size_t end = 1 + reader.digits_at(1);
  if (end == 1) return std::nullopt;
  while ((reader.at(end) == '.' || reader.at(end) == '_') && reader.digits_at(end + 1) > 0) end += 1 + reader.digits_at(end + 1);
  if (name.compare(end, 2, "__") != 0 || !reader.ends_in_sql(end + 2)) return std::nullopt;
  std::string version = name.substr(1, end - 1);
  std::replace(version.begin(), version.end(), '_', '.');
  return version;
}

// Flyway's undo `U1__name.sql` (digits, dots and underscores, then `__`).
bool is_flyway_undo(const std::string& name) {
  const NameReader reader{name};
  if (!reader.starts("U") || reader.digits_at(1) == 0) return false;
  const size_t version_end = name.find_first_not_of("0123456789._", 1);
  for (size_t split = name.find("__", 2); split != std::string::npos && split < version_end; split = name.find("__", split + 1))
    if (reader.ends_in_sql(split + 2)) return true;
  return false;
}

// pop's `N_name[.dialect][.autocommit].up.sql`; a name without a dialect
// or `.autocommit` is left to golang-migrate's reading.
std::optional<FileNameLayout> pop_name(const std::string& name) {
  const NameReader reader{name};
  const size_t digits = reader.digits_at(0);
  const size_t first_dot = name.find('.');
  if (digits == 0 || reader.at(digits) != '_' || first_dot == std::string::npos || first_dot == digits + 1) return std::nullopt;
  std::vector<std::string> parts = split(name.substr(first_dot + 1), '.');
  if (parts.size() < 3 || parts.size() > 4 || parts.back() != "sql") return std::nullopt;
  const std::string& direction = parts[parts.size() - 2];
  if (direction != "up" && direction != "down") return std::nullopt;
  static const std::set<std::string> k_dialects = {"postgres", "cockroach", "mysql", "mariadb", "sqlite3", "sqlite"};
  const bool autocommit = parts[parts.size() - 3] == "autocommit";
  const bool has_dialect = parts.size() == 4 || !autocommit;
  const std::string dialect = has_dialect ? parts[0] : "";
  if (has_dialect && k_dialects.count(dialect) == 0) return std::nullopt;
  if (parts.size() == 4 && !autocommit) return std::nullopt;
  return FileNameLayout{"pop", name.substr(0, digits), false, (!dialect.empty() && dialect != "postgres") || direction == "down"};
}

}  // namespace

bool version_less(const std::string& a, const std::string& b) { return compare_versions(a, b) < 0; }

bool same_version(const std::string& a, const std::string& b) { return compare_versions(a, b) == 0; }

FileNameLayout layout_of_file_name(const std::string& name) {
  const NameReader whole{name};
  if (auto version = flyway_version(name)) return {"flyway", *version, false, false};
  if (whole.starts("R__") && whole.ends_in_sql(3)) return {"flyway", name.substr(3, name.size() - 7), true, false};
  if (is_flyway_undo(name)) return {"flyway", "", false, true};
  if (auto pop = pop_name(name)) return *pop;
  const size_t digits = whole.digits_at(0);
  if (digits == 0 || whole.at(digits) != '_') return {"plain", name, false, false};
  const std::string version = name.substr(0, digits);
  for (const char* direction : {"up", "down"}) {
    const std::string suffix = std::string(".") + direction + ".sql";
    if (whole.ends_with_text_before(suffix, digits + 1)) return {"golang-migrate", version, false, suffix == ".down.sql"};
  }
  if (whole.ends_in_sql(digits + 1)) return {"numbered", version, false, false};
  return {"plain", name, false, false};
}

std::string folder_layout_name(const std::vector<std::string>& layouts) {
  std::vector<std::string> names;
  for (const auto& layout : layouts)
    if (std::find(names.begin(), names.end(), layout) == names.end()) names.push_back(layout);
  return join(names, " + ");
}

std::vector<MigrationSource> find_migration_sources(const std::string& directory) {
  if (file_exists(fs::path(directory) / "sqitch.plan")) return sqitch_sources(directory);
  std::vector<MigrationSource> sources = loose_file_sources(directory);  // throws for an unreadable folder
  settle_mixed_names(sources);
  drop_pop_fallbacks(sources);
  for (auto& source : folder_per_migration_sources(directory)) sources.push_back(source);
  if (sources.empty())
    throw InputError(SourceLocation{directory, 0, 0}, "no migration file to lint; plumb looked for " + std::string(k_looked_for));
  order_as_run(sources);
  return sources;
}

}  // namespace plumb
