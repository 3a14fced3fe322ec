#include "tests/support/doc_blocks.hpp"

#include <fstream>

#include <catch2/catch.hpp>

namespace vc::test {

std::vector<std::string> doc_blocks(const std::string& doc, const std::string& lang) {
    std::ifstream in(std::string(VC_SOURCE_DIR) + "/docs/" + doc);
    REQUIRE(in);
    std::vector<std::string> blocks;
    std::string line, block;
    bool inside = false;
    while (std::getline(in, line)) {
        if (!inside && line == "```" + lang) {
            inside = true;
            block.clear();
        } else if (inside && line == "```") {
            inside = false;
            blocks.push_back(block);
        } else if (inside) {
            block += line + "\n";
        }
    }
    return blocks;
}

}  // namespace vc::test
