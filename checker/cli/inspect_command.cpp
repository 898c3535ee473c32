// `plumb inspect`: print the catalog snapshot plumb checks against.
#include <algorithm>
#include <memory>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/fleet_flags.hpp"
#include "cli/output.hpp"
#include "db/connection.hpp"
#include "db/live_connections.hpp"
#include "fleet/fleet_runner.hpp"
#include "report/schema_report.hpp"
#include "schema/catalog_reader.hpp"
#include "util/errors.hpp"

namespace plumb::cli {
namespace {

struct InspectFlags {
  std::string table;
  SessionFlags session;
  FleetFlags fleet;  // --targets FILE, --target, --parallel
};

std::optional<std::string> table_of(const InspectFlags& flags) {
  return flags.table.empty() ? std::nullopt : std::optional<std::string>(flags.table);
}

// One target's snapshot, read from its replica when it has one (the catalog
// is the primary's); a failure is kept as the target's error line.
TargetSchema inspect_target(const Target& target, const InspectFlags& flags) {
  TargetSchema result{target.name, std::nullopt, ""};
  try {
    auto connection = connect(target.replica ? *target.replica : target.primary, flags.session.session());
    result.schema = read_schema_snapshot(*connection, table_of(flags));
  } catch (const std::exception& error) {
    if (queries_interrupted()) throw;
    result.error = describe_database_error(error);
  }
  return result;
}

// `inspect --targets`: every target's snapshot in one document; exit 3
// when one could not be read.
int run_fleet_inspect(const InspectFlags& flags, const GlobalOptions& options) {
  const std::vector<Target> targets = flags.fleet.targets(options);
  std::vector<TargetSchema> results(targets.size());
  run_fleet(targets.size(), FleetRunOptions{flags.fleet.parallel}, [&](size_t index) {
    results[index] = inspect_target(targets[index], flags);
    return true;
  });
  write_result(options, render_fleet_schema(results, options.format));
  const bool all_read = std::all_of(results.begin(), results.end(), [](const TargetSchema& result) { return result.schema.has_value(); });
  return all_read ? k_exit_ok : k_exit_runtime_failure;
}

int run_inspect(const InspectFlags& flags, const GlobalOptions& options) {
  if (flags.fleet.given() || !flags.fleet.selectors.empty()) return run_fleet_inspect(flags, options);
  const std::string& table = flags.table;
  auto connection = connect(options.connection(), flags.session.session());
  const auto schema = read_schema_snapshot(*connection, table.empty() ? std::nullopt : std::optional<std::string>(table));
  if (!table.empty() && schema.tables.empty()) throw InputError("--table " + table + ": no such table");
  write_result(options, options.format == "json" ? render_schema_json(schema) : render_schema_text(schema));
  return k_exit_ok;
}

}  // namespace

CommandRunner declare_inspect_command(CLI::App& command) {
  auto flags = std::make_shared<InspectFlags>();
  command.add_option("--table", flags->table, "only this table (NAME or SCHEMA.NAME)");
  add_session_flags(command, flags->session);
  add_fleet_flags(command, flags->fleet);
  return [flags](const GlobalOptions& options) { return run_inspect(*flags, options); };
}

}  // namespace plumb::cli
