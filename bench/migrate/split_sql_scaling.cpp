// Times plumb's migration-file reader on one generated migration of N
// statements for each N given, to show how it scales: printed as
// "statements seconds microseconds-per-statement". Not a test: timings
// depend on the machine. Built and run by bench/migrate/split_sql_scaling.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "migrate/migration_file.hpp"

namespace {

// A migration as a generator would write it: a comment, a multi-line
// statement and a one-line one in turn, so lines and columns vary.
std::string migration_of(int statements) {
  std::string text = "-- generated\n-- plumb:up\n";
  for (int i = 0; i < statements; ++i) {
    if (i % 2 == 0)
      text += "-- row " + std::to_string(i) + "\nINSERT INTO t (id, note)\n  VALUES (" + std::to_string(i) + ", 'a;b');\n";
    else
      text += "  UPDATE t SET note = 'x' WHERE id = " + std::to_string(i) + ";\n";
  }
  return text + "-- plumb:down\nDELETE FROM t;\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::printf("%10s %10s %14s\n", "statements", "seconds", "us/statement");
  for (int i = 1; i < argc; ++i) {
    const int count = std::atoi(argv[i]);
    const std::string text = migration_of(count);
    const auto start = std::chrono::steady_clock::now();
    const auto migration = plumb::parse_migration_file("001_bench.sql", text);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    if (static_cast<int>(migration.up.size()) != count) {
      std::fprintf(stderr, "expected %d statements, got %zu\n", count, migration.up.size());
      return 1;
    }
    std::printf("%10d %10.3f %14.1f\n", count, took.count(), took.count() * 1e6 / count);
  }
  return 0;
}
