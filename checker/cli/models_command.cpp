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
#include "util/text.hpp"

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

// A line diff in unified style (one hunk, no context trimming): enough to
// see which rules moved. Lines only in the committed file get "-".
std::string line_diff(const std::string& committed_name, const std::string& committed, const std::string& imported) {
  const std::vector<std::string> before = split(committed, '\n');
  const std::vector<std::string> after = split(imported, '\n');
  // Longest common subsequence table, from the end.
  std::vector<std::vector<int>> common(before.size() + 1, std::vector<int>(after.size() + 1, 0));
  for (std::size_t i = before.size(); i-- > 0;)
    for (std::size_t j = after.size(); j-- > 0;)
      common[i][j] = before[i] == after[j] ? common[i + 1][j + 1] + 1 : std::max(common[i + 1][j], common[i][j + 1]);
  std::string diff = "--- " + committed_name + "\n+++ imported from the app's models\n";
  std::size_t i = 0, j = 0;
  while (i < before.size() || j < after.size()) {
    if (i < before.size() && j < after.size() && before[i] == after[j]) {
      diff += " " + before[i++] + "\n";
      ++j;
    } else if (i < before.size() && (j == after.size() || common[i + 1][j] >= common[i][j + 1])) {
      diff += "-" + before[i++] + "\n";
    } else {
      diff += "+" + after[j++] + "\n";
    }
  }
  return diff;
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
  write_result(options, line_diff(import.check_file, committed, yaml));
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
