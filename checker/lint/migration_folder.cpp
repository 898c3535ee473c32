#include "lint/migration_folder.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <regex>
#include <sstream>
#include <thread>

#include "lint/migration_layout.hpp"
#include "migrate/migration_file.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

namespace fs = std::filesystem;

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

bool file_says(const std::string& path, const std::regex& pattern) {
  std::error_code ignored;
  if (!fs::is_regular_file(path, ignored)) return false;
  return std::regex_search(read_migration_text(path), pattern);
}

// Whether the tool wraps the file in a transaction, for the layouts that
// read the whole file (see LintMigration::transactional).
bool runs_in_transaction(const LintMigration& migration) {
  static const std::regex k_flyway_off(R"(executeInTransaction\s*=\s*false)");
  static const std::regex k_diesel_off(R"(run_in_transaction\s*=\s*false)");
  const std::string& layout = migration.layout;
  if (layout == "golang-migrate" || layout == "prisma") return migration.statements.size() > 1;
  if (layout == "sqitch" || layout == "plain") return false;
  if (layout == "flyway")
    return migration.text.find("flyway:executeInTransaction=false") == std::string::npos &&
           !file_says(migration.path + ".conf", k_flyway_off);
  if (layout == "diesel") return !file_says((fs::path(migration.path).parent_path() / "metadata.toml").string(), k_diesel_off);
  // pop runs a file in a transaction unless its name says `.autocommit.`
  return fs::path(migration.path).filename().string().find(".autocommit.") == std::string::npos;
}

void read_whole_file(LintMigration& migration) {
  migration.statements = split_sql(migration.text, migration.path);
  migration.transactional = runs_in_transaction(migration);
}

// A numbered file is plumb's or dbmate's by its markers, else plain SQL.
std::string settled_layout(const MigrationSource& source, const std::string& text) {
  if (source.layout != "numbered") return source.layout;
  if (text.find("-- plumb:up") != std::string::npos) return "plumb";
  if (text.find("-- migrate:up") != std::string::npos) return "dbmate";
  return "plain";
}

// Reads and splits one file; throws InputError for what makes it unlintable.
LintMigration read_source(const MigrationSource& source, const std::string& text) {
  LintMigration migration;
  migration.path = source.path;
  migration.version = source.version;
  migration.repeatable = source.repeatable;
  migration.text = text;
  migration.layout = settled_layout(source, text);
  if (migration.layout == "dbmate") read_dbmate(migration);
  else if (migration.layout == "plumb") read_plumb(migration);
  else read_whole_file(migration);
  return migration;
}

LintProblem problem_of(const InputError& error) {
  const std::string detail = error.what();
  std::string message = detail.substr(0, detail.find('\n'));
  const std::string prefix = error.where().to_string() + ": ";
  if (error.where().known() && starts_with(message, prefix)) message = message.substr(prefix.size());
  return {error.where(), message, detail};
}

// Reads `source` (from `text` when given, else from its file), keeping
// what makes it unlintable as its problem.
LintMigration read_or_keep_problem(const MigrationSource& source, const std::string* text = nullptr) {
  std::string read_text;
  try {
    if (!source.misfit.empty()) throw InputError(SourceLocation{source.path, 0, 0}, source.misfit);
    if (text == nullptr) {
      read_text = read_migration_text(source.path);
      text = &read_text;
    }
    return read_source(source, *text);
  } catch (const InputError& error) {
    LintMigration migration;
    migration.path = source.path;
    migration.version = source.version;
    // A file that was read but does not parse still says whose it is.
    migration.layout = text != nullptr ? settled_layout(source, *text) : source.layout == "numbered" ? "plain" : source.layout;
    migration.problem = problem_of(error);
    return migration;
  }
}

// The later of two neighbours that share a version is not linted: which of
// the two the tool runs is the tool's business, and both are suspect.
void mark_shared_versions(std::vector<LintMigration>& migrations) {
  for (size_t i = 1; i < migrations.size(); ++i) {
    LintMigration& later = migrations[i];
    const LintMigration& earlier = migrations[i - 1];
    if (later.repeatable || earlier.repeatable || later.problem || !same_version(later.version, earlier.version)) continue;
    const std::string message = "version " + later.version + " is also used by " + earlier.path + " (each version must be unique)";
    later.problem = LintProblem{SourceLocation{later.path, 1, 0}, message, later.path + ":1: " + message};
    later.statements.clear();
  }
}

// Reads every one of `sources` on up to as many threads as there are cores:
// parsing is most of a lint run, and each file parses on its own
// (libpg_query keeps its state per thread). A failure other than the
// InputError a file keeps as its problem (out of memory) is thrown once all
// threads have stopped.
std::vector<LintMigration> read_all(const std::vector<MigrationSource>& sources) {
  std::vector<LintMigration> migrations(sources.size());
  std::atomic<size_t> next{0};
  std::vector<std::exception_ptr> failures(std::max(1u, std::min(std::thread::hardware_concurrency(), 8u)));
  auto work = [&](size_t worker) {
    try {
      for (size_t i = next++; i < sources.size(); i = next++) migrations[i] = read_or_keep_problem(sources[i]);
    } catch (...) {
      failures[worker] = std::current_exception();
      next = sources.size();  // the others stop at their next file
    }
  };
  // A small folder is read on this thread alone: starting threads would cost more.
  const size_t helpers = sources.size() < 16 ? 0 : failures.size() - 1;
  std::vector<std::thread> threads;
  for (size_t worker = 1; worker <= helpers; ++worker) threads.emplace_back(work, worker);
  work(0);
  for (auto& thread : threads) thread.join();
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
  return migrations;
}

}  // namespace

LintMigration read_lint_migration(const std::string& path, const std::string& text) {
  const FileNameLayout name = layout_of_file_name(fs::path(path).filename().string());
  if (name.skipped) return LintMigration{};
  return read_or_keep_problem(MigrationSource{path, name.version, name.layout, name.repeatable, ""}, &text);
}

LintFolder read_migration_folder(const std::string& directory) {
  LintFolder folder;
  folder.migrations = read_all(find_migration_sources(directory));
  std::vector<std::string> layouts;
  for (const auto& migration : folder.migrations) layouts.push_back(migration.layout);
  mark_shared_versions(folder.migrations);
  folder.layout = folder_layout_name(layouts);
  return folder;
}

}  // namespace plumb
