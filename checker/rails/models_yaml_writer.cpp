#include "rails/models_yaml_writer.hpp"

#include <yaml-cpp/yaml.h>

namespace plumb {
namespace {

void write_list(YAML::Emitter& out, const char* key, const std::vector<std::string>& items) {
  if (items.empty()) return;
  out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const auto& item : items) out << item;
  out << YAML::EndSeq;
}

void write_rule(YAML::Emitter& out, const UniquenessRule& rule) {
  out << YAML::BeginMap;
  write_list(out, "columns", rule.columns);
  out << YAML::Key << "nulls" << YAML::Value << (rule.nulls == NullSemantics::distinct ? "distinct" : "not_distinct");
  write_list(out, "skip_when_null", rule.skip_when_null);
  write_list(out, "skip_when_blank", rule.skip_when_blank);
  write_list(out, "case_insensitive", rule.case_insensitive);
  if (rule.condition) out << YAML::Key << "where" << YAML::Value << YAML::DoubleQuoted << *rule.condition;
  if (rule.conditional) out << YAML::Key << "conditional" << YAML::Value << YAML::DoubleQuoted << *rule.conditional;
  out << YAML::Key << "origin" << YAML::Value << YAML::DoubleQuoted << rule.origin;
  out << YAML::EndMap;
}

}  // namespace

std::string write_models_yaml(const std::vector<Model>& models) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap << YAML::Key << "models" << YAML::Value;
  if (models.empty()) out << YAML::Flow;
  out << YAML::BeginMap;
  for (const auto& model : models) {
    out << YAML::Key << model.name << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "table" << YAML::Value << (model.schema == "public" ? model.table : model.schema + "." + model.table);
    out << YAML::Key << "unique" << YAML::Value << YAML::BeginSeq;
    for (const auto& rule : model.unique) write_rule(out, rule);
    out << YAML::EndSeq << YAML::EndMap;
  }
  out << YAML::EndMap << YAML::EndMap;
  // The header is fixed text; everything from the app goes through the emitter.
  return "# The models' uniqueness rules, imported by `plumb models import --rails` from app/models.\n"
         "# Regenerate it rather than editing it; `--check` tells when it is out of date.\n" +
         std::string(out.c_str()) + "\n";
}

}  // namespace plumb
