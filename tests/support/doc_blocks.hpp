#pragma once
// The examples of a guide in docs/, so that tests run what a clerk reads.

#include <string>
#include <vector>

namespace vc::test {

/// The blocks of docs/`doc` fenced as ````lang`, in order, each with its lines' newlines.
/// Fails the test when the guide cannot be read.
std::vector<std::string> doc_blocks(const std::string& doc, const std::string& lang);

}  // namespace vc::test
