// Schema validation for report tests: runs a real validator (xmllint for
// XML Schema, Debian's python3-jsonschema for JSON Schema) on a document.
#pragma once

#include <string>

namespace plumb::testing {

struct Validation {
  int exit_code = -1;  // 0 when the document is valid; 127 when the validator is missing
  std::string output;  // what the validator said
};

// `xml` checked against the XML Schema at `xsd_path` by `xmllint --schema`.
Validation validate_xml(const std::string& xml, const std::string& xsd_path);

// `json` checked against the draft 7 JSON Schema at `schema_path`.
Validation validate_json(const std::string& json, const std::string& schema_path);

}  // namespace plumb::testing
