// `plumb models import --rails APP_ROOT [--check FILE]`: the `models` part of
// a rules file, read from a Rails app's source; with --check, whether a
// committed file still matches it.
#include <spdlog/spdlog.h>

#include <memory>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "rails/models_yaml_writer.hpp"
#include "rails/rails_model_import.hpp"
#include "util/errors.hpp"
#include "util/file_text.hpp"
#include "util/line_diff.hpp"

namespace plumb::cli {
namespace {

struct ImportOptions {
  std::string app_root;
  std::string check_file;
};

std::string read_committed(const std::string& path) {
  auto text = read_file_text(path);
  if (!text) throw InputError(path + ": cannot read the models file to check");
  return std::move(*text);
}

int run_import(const ImportOptions& import, const GlobalOptions& options) {
  const RailsImport result = import_rails_app(import.app_root);
  for (const auto& diagnostic : result.diagnostics) spdlog::warn("{}", diagnostic.to_string());
  const std::string yaml = write_models_yaml(result.models);
  if (import.check_file.empty()) {
    write_result(options, yaml);
    return k_exit_ok;
  }
  const std::string committed = read_committed(import.check_file);
  if (committed == yaml) {
    spdlog::info("{} matches the models of {}", import.check_file, import.app_root);
    return k_exit_ok;
  }
  write_result(options, line_diff(import.check_file, committed, "imported from the app's models", yaml));
  spdlog::error("{} no longer matches the models of {}: regenerate it with plumb models import --rails {} --output {}",
                import.check_file, import.app_root, import.app_root, import.check_file);
  return k_exit_findings;
}

}  // namespace

CommandRunner declare_models_command(CLI::App& command) {
  auto import = std::make_shared<ImportOptions>();
  command.require_subcommand(1);
  CLI::App* import_command =
      command.add_subcommand("import", "write the models part of a rules file from an application's source");
  import_command->add_option("--rails", import->app_root, "root of a Rails application (reads app/models/**/*.rb)")
      ->required();
  import_command->add_option("--check", import->check_file,
                             "compare with this committed models file; exit 1 with a diff when it differs");
  return [import](const GlobalOptions& options) { return run_import(*import, options); };
}

}  // namespace plumb::cli
