#include "rules/rule_loader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "rules/check_kind.hpp"
#include "rules/rule_options.hpp"
#include "rules/sql_fragment.hpp"
#include "rules/yaml_hygiene.hpp"
#include "util/duration.hpp"
#include "util/errors.hpp"
#include "util/file_text.hpp"
#include "util/folder_files.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"
#include "vocabulary/qualified_name.hpp"

namespace plumb {

const char* const k_implicit_rule_id = "unique-indexes-match-model";

namespace {

namespace fs = std::filesystem;

const std::vector<std::string> k_common_keys = {"id", "check", "severity", "tags", "description", "timeout", "samples"};
const std::vector<std::string> k_model_keys = {"table", "unique"};
const std::vector<std::string> k_uniqueness_keys = {"columns", "case_insensitive", "where",     "nulls",
                                                     "skip_when_null", "skip_when_blank", "conditional", "origin"};

// The rules read but not yet validated, with the YAML of each: their kind
// reads its keys from it once every file is read (a rule may name a model
// that a later file states), and the YAML is dropped after.
using PendingRules = std::vector<std::pair<size_t, YAML::Node>>;  // index in RuleSet::rules, entry

// One file being read: turns a node's Mark into an error with the file's
// own line under it and a caret at the column.
class Source {
 public:
  Source(std::string file, const std::string& text) : m_file(std::move(file)), m_lines(split(text, '\n')) {}

  const std::string& file() const { return m_file; }

  InputError error(const SourceLocation& where, const std::string& message) const {
    const int line = where.line;
    const std::string text = line > 0 && line <= static_cast<int>(m_lines.size())
                                 ? m_lines[static_cast<size_t>(line - 1)] : "";
    return InputError(where, message, text.empty() || text.back() != '\r' ? text : text.substr(0, text.size() - 1));
  }
  InputError error(const YAML::Node& node, const std::string& message) const {
    return error(location_of(m_file, node), message);
  }
  InputError error(const YAML::Mark& mark, const std::string& message) const {
    return error(SourceLocation{m_file, mark.line + 1, mark.column + 1}, message);
  }
  InputError error(const YamlProblem& problem) const {
    return error(SourceLocation{m_file, problem.line, problem.column}, problem.message);
  }

  // Refuses keys of `map` not in `allowed`, naming what `owner` is.
  void check_keys(const YAML::Node& map, const std::vector<std::string>& allowed, const std::string& owner) const {
    for (const auto& entry : map) {
      const std::string key = entry.first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        throw error(entry.first, owner + "unknown key '" + key + "' (expected one of: " + join(allowed, ", ") + ")");
    }
  }

  std::string scalar(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) throw error(node, what + " must be a string");
    return node.Scalar();
  }

  std::vector<std::string> scalar_list(const YAML::Node& node, const std::string& what) const {
    if (!node.IsSequence()) throw error(node, what + " must be a list of strings");
    std::vector<std::string> items;
    for (const auto& item : node) items.push_back(scalar(item, what + " entry"));
    return items;
  }

 private:
  std::string m_file;
  std::vector<std::string> m_lines;
};

std::string read_file(const std::string& path) {
  auto text = read_file_text(path);
  if (!text) throw InputError("cannot read rules file " + path);
  return std::move(*text);
}

// A rule's list of columns that must each be one of its `columns`
// (case_insensitive, skip_when_null, skip_when_blank); empty when absent.
std::vector<std::string> column_subset(const Source& source, const YAML::Node& rule, const char* key,
                                       const std::vector<std::string>& columns, const std::string& owner) {
  if (!rule[key]) return {};
  const std::vector<std::string> subset = source.scalar_list(rule[key], owner + "'" + key + "'");
  for (size_t i = 0; i < subset.size(); ++i)
    if (std::find(columns.begin(), columns.end(), subset[i]) == columns.end())
      throw source.error(rule[key][i], owner + "'" + key + "' column '" + subset[i] + "' is not in 'columns'");
  return subset;
}

QualifiedName table_name(const Source& source, const YAML::Node& node, const std::string& owner) {
  const std::string text = source.scalar(node, owner + "'table'");
  try {
    return QualifiedName::parse(text);
  } catch (const InputError& error) {
    throw source.error(node, owner + "'table' must be [SCHEMA.]NAME: " + error.message());
  }
}

UniquenessRule load_uniqueness(const Source& source, const YAML::Node& node, const std::string& owner) {
  if (!node.IsMap()) throw source.error(node, owner + "a uniqueness rule must be a mapping with 'columns'");
  source.check_keys(node, k_uniqueness_keys, owner);
  UniquenessRule rule;
  rule.location = location_of(source.file(), node);
  if (!node["columns"]) throw source.error(node, owner + "missing key 'columns'");
  rule.columns = source.scalar_list(node["columns"], owner + "'columns'");
  if (rule.columns.empty()) throw source.error(node["columns"], owner + "'columns' must name at least one column");
  rule.case_insensitive = column_subset(source, node, "case_insensitive", rule.columns, owner);
  rule.skip_when_null = column_subset(source, node, "skip_when_null", rule.columns, owner);
  rule.skip_when_blank = column_subset(source, node, "skip_when_blank", rule.columns, owner);
  if (node["where"]) rule.condition = source.scalar(node["where"], owner + "'where'");
  if (node["conditional"]) rule.conditional = source.scalar(node["conditional"], owner + "'conditional'");
  if (node["nulls"]) {
    const std::string nulls = source.scalar(node["nulls"], owner + "'nulls'");
    if (nulls != "distinct" && nulls != "not_distinct")
      throw source.error(node["nulls"], owner + "'nulls' must be distinct or not_distinct, not '" + nulls + "'");
    rule.nulls = nulls == "distinct" ? NullSemantics::distinct : NullSemantics::not_distinct;
  }
  if (node["origin"]) rule.origin = source.scalar(node["origin"], owner + "'origin'");
  return rule;
}

Model load_model(const Source& source, const YAML::Node& name, const YAML::Node& node) {
  const std::string owner = "model '" + name.Scalar() + "': ";
  if (!node.IsMap()) throw source.error(name, owner + "must be a mapping with 'table'");
  source.check_keys(node, k_model_keys, owner);
  Model model;
  model.name = name.Scalar();
  model.location = location_of(source.file(), name);
  if (!node["table"]) throw source.error(name, owner + "missing key 'table'");
  const QualifiedName table = table_name(source, node["table"], owner);
  model.schema = table.schema_or(model.schema);
  model.table = table.name;
  if (!node["unique"]) return model;
  if (!node["unique"].IsSequence()) throw source.error(node["unique"], owner + "'unique' must be a list");
  for (const auto& entry : node["unique"]) model.unique.push_back(load_uniqueness(source, entry, owner));
  return model;
}

void load_models(const Source& source, const YAML::Node& models, RuleSet& into) {
  if (!models.IsMap()) throw source.error(models, "'models' must be a mapping of model names");
  for (const auto& entry : models) {
    for (const auto& known : into.models)
      if (known.name == entry.first.Scalar())
        throw source.error(entry.first, "model '" + known.name + "' is already defined at " + known.location.to_string());
    into.models.push_back(load_model(source, entry.first, entry.second));
  }
}

Severity parse_severity(const Source& source, const YAML::Node& node, const std::string& owner) {
  const std::string text = source.scalar(node, owner + "'severity'");
  if (text == "error") return Severity::error;
  if (text == "warning") return Severity::warning;
  if (text == "info") return Severity::info;
  throw source.error(node, owner + "'severity' must be error, warning or info, not '" + text + "'");
}

const CheckKind& kind_of(const Source& source, const YAML::Node& node, const std::string& owner) {
  const std::string name = source.scalar(node, owner + "'check'");
  const CheckKind* kind = find_check_kind(name);
  if (kind == nullptr)
    throw source.error(node, owner + "unknown check '" + name + "' (expected one of: " + join(check_kind_names(), ", ") + ")");
  return *kind;
}

Rule load_rule(const Source& source, const YAML::Node& node, const RuleSet& so_far) {
  if (!node.IsMap()) throw source.error(node, "a rule must be a mapping with 'id' and 'check'");
  if (!node["id"]) throw source.error(node, "rule without 'id'");
  Rule rule;
  rule.id = source.scalar(node["id"], "rule 'id'");
  rule.location = location_of(source.file(), node);
  const std::string owner = "rule '" + rule.id + "': ";
  for (const auto& known : so_far.rules)
    if (known.id == rule.id)
      throw source.error(node["id"], owner + "duplicate id, first defined at " + known.location.to_string());
  if (!node["check"]) throw source.error(node, owner + "missing key 'check'");
  const CheckKind& kind = kind_of(source, node["check"], owner);
  rule.check = kind.name();
  std::vector<std::string> allowed = k_common_keys;
  for (const auto& key : kind.option_keys()) allowed.push_back(key);
  source.check_keys(node, allowed, owner);
  if (node["severity"]) rule.severity = parse_severity(source, node["severity"], owner);
  if (node["tags"]) rule.tags = source.scalar_list(node["tags"], owner + "'tags'");
  if (node["description"]) rule.description = source.scalar(node["description"], owner + "'description'");
  if (node["samples"]) {
    const std::string samples = source.scalar(node["samples"], owner + "'samples'");
    if (samples != "true" && samples != "false")
      throw source.error(node["samples"], owner + "'samples' must be true or false, not '" + samples + "'");
    rule.samples = samples == "true";
  }
  if (node["timeout"]) {
    try {
      rule.timeout = parse_duration(source.scalar(node["timeout"], owner + "'timeout'"));
    } catch (const InputError& error) {
      throw source.error(node["timeout"], owner + error.message());
    }
  }
  return rule;
}

void load_document(const Source& source, const YAML::Node& document, RuleSet& into, PendingRules& pending) {
  if (document.IsNull()) return;  // an empty file
  if (!document.IsMap()) throw source.error(document, "a rules file must be a mapping with 'models' and/or 'rules'");
  source.check_keys(document, {"models", "rules"}, "");
  if (document["models"]) load_models(source, document["models"], into);
  if (!document["rules"]) return;
  if (!document["rules"].IsSequence()) throw source.error(document["rules"], "'rules' must be a list");
  for (const auto& node : document["rules"]) {
    into.rules.push_back(load_rule(source, node, into));
    pending.emplace_back(into.rules.size() - 1, node);
  }
}

// The source that read `file`, for an error's line and caret; nullptr when none did.
const Source* source_of(const std::vector<Source>& sources, const std::string& file) {
  for (const auto& source : sources)
    if (source.file() == file) return &source;
  return nullptr;
}

// A model's `where` reaches the server (inside EXPLAIN) as a rule's does:
// it gets the same check before anything connects.
void check_model_conditions(const std::vector<Source>& sources, const RuleSet& set) {
  for (const auto& model : set.models)
    for (const auto& unique : model.unique) {
      if (!unique.condition) continue;
      try {
        check_condition(*unique.condition);
      } catch (const InputError& error) {
        const std::string message = "model '" + model.name + "': 'where' must be one SQL condition: " + error.what();
        const Source* source = source_of(sources, unique.location.file);
        throw source ? source->error(unique.location, message) : InputError(unique.location, message);
      }
    }
}

// Each kind reads its rules' keys into their specs. A kind knows the place
// of a mistake but not the file's text: add the line and caret by
// rebuilding the error from its location and message.
void validate_rules(const std::vector<Source>& sources, RuleSet& set, const PendingRules& pending) {
  check_model_conditions(sources, set);
  for (const auto& [index, node] : pending) {
    Rule& rule = set.rules[index];
    try {
      rule.spec = find_check_kind(rule.check)->validate(RuleOptions(rule, node), set.models);
    } catch (const InputError& error) {
      const Source* source = source_of(sources, error.where().file);
      if (source == nullptr) throw;
      throw source->error(error.where(), error.message());
    }
  }
}

std::vector<std::string> files_under(const std::string& path) {
  std::error_code status;
  if (!fs::exists(path, status)) throw InputError("rules path " + path + " does not exist");
  if (!fs::is_directory(path)) return {path};
  const auto files = files_in_folder(path, "rules folder", {".yml", ".yaml"}, true);
  if (files.empty()) throw InputError("rules folder " + path + " holds no .yml or .yaml file");
  return files;
}

void add_implicit_rule(RuleSet& set, PendingRules& pending) {
  if (!set.rules.empty() || set.models.empty()) return;
  Rule rule;
  rule.id = k_implicit_rule_id;
  rule.check = "unique_indexes_match_model";
  rule.description = "every model's uniqueness rules match the table's unique indexes (implicit: the files hold only models)";
  rule.location = set.models.front().location;
  set.rules.push_back(rule);
  pending.emplace_back(set.rules.size() - 1, YAML::Node(YAML::NodeType::Map));
}

}  // namespace

namespace {

// What yaml-cpp accepts but a rules file must not hold (yaml_hygiene.hpp).
void refuse_unclean(const Source& source, const std::string& text, const YAML::Node& document) {
  if (const auto quote = unclosed_quote(text)) throw source.error(*quote);
  if (const auto duplicate = duplicate_key(document, source.file())) throw source.error(*duplicate);
  if (const auto control = control_character(document)) throw source.error(*control);
}

Source parse_into(const std::string& file, const std::string& text, RuleSet& into, PendingRules& pending) {
  // Checked first: yaml-cpp passes bytes through, and a rule id or query that
  // is not UTF-8 would break the JSON, XML and SARIF reports that quote it.
  require_utf8(file, text);
  Source source(file, text);
  YAML::Node document;
  try {
    document = YAML::Load(text);
  } catch (const YAML::DeepRecursion& error) {
    // yaml-cpp stops a deep document (a stack overflow otherwise) with the
    // message "bad file", which tells the user nothing.
    throw source.error(error.mark, "YAML nested too deeply (" + std::to_string(error.depth()) +
                                       " levels): rules files need only a few");
  } catch (const YAML::ParserException& error) {
    // An open quote makes yaml-cpp fail further on: point at the quote.
    const auto quote = unclosed_quote(text);
    if (quote && quote->line <= error.mark.line + 1) throw source.error(*quote);
    throw source.error(error.mark, "YAML syntax error: " + error.msg);
  }
  refuse_unclean(source, text, document);
  load_document(source, document, into, pending);
  into.files.push_back(file);
  return source;
}

}  // namespace

void load_rules_text(const std::string& file, const std::string& text, RuleSet& into) {
  PendingRules pending;
  const Source source = parse_into(file, text, into, pending);
  add_implicit_rule(into, pending);
  validate_rules({source}, into, pending);
}

// Rules are validated once every file is read: a rule may name a model that
// a later file states.
RuleSet load_rules(const std::vector<std::string>& paths) {
  RuleSet set;
  PendingRules pending;
  std::vector<Source> sources;
  for (const auto& path : paths)
    for (const auto& file : files_under(path)) sources.push_back(parse_into(file, read_file(file), set, pending));
  add_implicit_rule(set, pending);
  validate_rules(sources, set, pending);
  return set;
}

}  // namespace plumb
