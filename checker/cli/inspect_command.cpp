// `plumb inspect`: print the catalog snapshot plumb checks against.
#include <memory>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "db/connection.hpp"
#include "report/schema_report.hpp"
#include "schema/catalog_reader.hpp"
#include "util/errors.hpp"

namespace plumb::cli {
namespace {

struct InspectFlags {
  std::string table;
  SessionFlags session;
};

int run_inspect(const InspectFlags& flags, const GlobalOptions& options) {
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
  return [flags](const GlobalOptions& options) { return run_inspect(*flags, options); };
}

}  // namespace plumb::cli
