#include "rails/models_yaml_writer.hpp"

#include <cctype>

#include "util/text.hpp"

namespace plumb {
namespace {

// A scalar as YAML reads it back unchanged: plain when it is a simple name,
// double-quoted otherwise.
bool plain(const std::string& text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '.') return false;
  for (char c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.') return false;
  return text != "true" && text != "false" && text != "null";
}

std::string scalar(const std::string& text) {
  if (plain(text)) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

std::string flow_list(const std::vector<std::string>& items) {
  std::vector<std::string> scalars;
  for (const auto& item : items) scalars.push_back(scalar(item));
  return "[" + join(scalars, ", ") + "]";
}

std::string rule_yaml(const UniquenessRule& rule, const std::vector<std::string>& notes) {
  std::string text = "      - columns: " + flow_list(rule.columns) + "   # " + rule.origin + "\n";
  text += std::string("        nulls: ") + (rule.nulls == NullSemantics::distinct ? "distinct" : "not_distinct") + "\n";
  if (!rule.case_insensitive.empty()) text += "        case_insensitive: " + flow_list(rule.case_insensitive) + "\n";
  if (rule.condition) text += "        where: " + scalar(*rule.condition) + "\n";
  text += "        origin: " + scalar(rule.origin) + "\n";
  for (const auto& note : notes) text += "        # plumb: " + one_line(note) + "\n";
  return text;
}

}  // namespace

std::string write_models_yaml(const std::vector<ImportedModel>& models) {
  std::string text =
      "# The models' uniqueness rules, imported by `plumb models import --rails` from app/models.\n"
      "# Regenerate it rather than editing it; `--check` tells when it is out of date.\n"
      "models:\n";
  if (models.empty()) return text.substr(0, text.size() - 1) + " {}\n";
  for (const auto& imported : models) {
    const Model& model = imported.model;
    text += "  " + scalar(model.name) + ":\n";
    text += "    table: " + scalar(model.schema == "public" ? model.table : model.schema + "." + model.table) + "\n";
    text += "    unique:\n";
    for (std::size_t i = 0; i < model.unique.size(); ++i) text += rule_yaml(model.unique[i], imported.notes[i]);
  }
  return text;
}

}  // namespace plumb
