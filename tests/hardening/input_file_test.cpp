// Files plumb reads and writes, tried as an attacker or an unlucky editor
// would: a byte order mark, a symbolic link loop, a file too big for the
// memory plumb may use, a baseline written to a full disk. Each is one line
// and the right exit code, never a raw library error or an abort.
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "support/full_filesystem.hpp"
#include "support/run_plumb.hpp"
#include "support/temp_directory.hpp"
#include "support/test_database.hpp"

using plumb::testing::CommandResult;
using plumb::testing::FullFilesystem;
using plumb::testing::run_plumb;
using plumb::testing::superuser_warning;
using plumb::testing::TempDirectory;
using plumb::testing::TestDatabase;

namespace {

const std::string k_bom = "\xEF\xBB\xBF";

// Runs plumb with its address space limited to `megabytes` (as `ulimit -v`
// does) and returns its exit code; its stderr goes to `err_path`.
int run_plumb_limited(const std::vector<std::string>& arguments, long megabytes, const std::string& err_path) {
  std::vector<char*> argv{const_cast<char*>(PLUMB_BINARY)};
  for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  const pid_t child = fork();
  if (child == 0) {
    const rlimit limit{static_cast<rlim_t>(megabytes) << 20, static_cast<rlim_t>(megabytes) << 20};
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (setrlimit(RLIMIT_AS, &limit) != 0 || err < 0 || dup2(err, STDERR_FILENO) < 0) _exit(127);
    execv(PLUMB_BINARY, argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// A plumb migration of `count` one-line INSERTs, written at run time.
void write_inserts(const std::string& path, int count) {
  std::ofstream out(path);
  out << "-- plumb:up\n";
  for (int i = 0; i < count; ++i) out << "INSERT INTO items VALUES (" << i << ");\n";
}

}  // namespace

// Before, the mark hid the up line: "no '-- plumb:up' line", exit 2.
TEST_CASE("lint reads a migration saved with a byte order mark before its up line", "[hardening]") {
  const TempDirectory migrations;
  migrations.write("001_create.sql", k_bom + "-- plumb:up\nCREATE TABLE t (id int);\n");
  const CommandResult result = run_plumb({"lint", "--migrations", migrations.path()});
  CHECK(result.err == "");
  CHECK(result.exit_code == 0);
}

TEST_CASE("a rules file saved with a byte order mark loads", "[db][hardening]") {
  TestDatabase database;
  const TempDirectory rules;
  rules.write("rules.yml", k_bom + "rules:\n  - id: t-exists\n    check: sql\n    query: SELECT 1 WHERE false\n");
  const CommandResult result = run_plumb({"--db", database.conninfo(), "check", "--rules", rules.path(), "-q"});
  INFO(result.err);
  CHECK(result.exit_code == 0);
}

TEST_CASE("a symbolic link loop in a migrations or rules folder is bad input naming the link", "[hardening]") {
  const TempDirectory folder;
  const std::string migration = folder.path() + "/001_loop.sql", rules = folder.path() + "/loop.yml";
  REQUIRE(symlink(migration.c_str(), migration.c_str()) == 0);
  REQUIRE(symlink(rules.c_str(), rules.c_str()) == 0);
  const CommandResult lint = run_plumb({"lint", "--migrations", folder.path()});
  CHECK(lint.exit_code == 2);
  CHECK(lint.err == "plumb: " + migration + ": cannot read it: Too many levels of symbolic links\n");
  // Rules are read before connecting: no server is needed to see this.
  const CommandResult check = run_plumb({"--db", "host=/nonexistent", "check", "--rules", folder.path()});
  CHECK(check.exit_code == 2);
  CHECK(check.err == "plumb: " + rules + ": cannot read it: Too many levels of symbolic links\n");
}

// 400,000 statements need about 180 MB of address space with the
// libraries mapped; under 150 MB an allocation fails while reading them.
// Before, the std::bad_alloc either ended in std::terminate (exit 134:
// nlohmann::json allocates in its destructor while unwinding) or printed
// "plumb: std::bad_alloc". (When the allocation that fails is inside
// libpg_query's C code, libpg_query ends the process itself: exit 1, see
// README.)
TEST_CASE("running out of memory is one line and exit 3, never an abort", "[hardening]") {
  const TempDirectory migrations;
  write_inserts(migrations.path() + "/001_big.sql", 400000);
  const std::string err = migrations.path() + "/../plumb-oom.err";
  const int exit_code = run_plumb_limited({"lint", "--migrations", migrations.path()}, 150, err);
  std::ifstream in(err);
  const std::string stderr_text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::remove(err.c_str());
  CHECK(exit_code == 3);
  CHECK(stderr_text == "plumb: out of memory (the input needs more memory than this process may use)\n");
}

TEST_CASE("a baseline that cannot be written whole is not written at all", "[db][hardening]") {
  TestDatabase database;
  const TempDirectory rules;
  rules.write("rules.yml", "rules: []\n");
  FullFilesystem full;
  const std::string baseline = full.path() + "/baseline.json";
  const CommandResult result =
      run_plumb({"--db", database.conninfo(), "check", "--rules", rules.path(), "--write-baseline", baseline, "-q"});
  CHECK(result.exit_code == 3);
  CHECK(result.err == superuser_warning() + "plumb: cannot write baseline " + baseline + ": No space left on device\n");
  CHECK(full.entries() == "filler");  // neither the baseline nor its temporary file
}
