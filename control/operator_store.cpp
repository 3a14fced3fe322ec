// state/operators.toml: the console's operators, their roles and their tokens' hashes.
#include "control/operator_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdio>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "core/atomic_file.hpp"
#include "core/diagnostic.hpp"
#include "core/sha256.hpp"
#include "core/toml_reader.hpp"

namespace vc::control {

namespace {

std::string toml_quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string_view to_string(Role role) {
    switch (role) {
        case Role::viewer:
            return "viewer";
        case Role::operator_:
            return "operator";
        case Role::admin:
            return "admin";
    }
    return "viewer";
}

std::optional<Role> parse_role(std::string_view text) {
    if (text == "viewer") return Role::viewer;
    if (text == "operator") return Role::operator_;
    if (text == "admin") return Role::admin;
    return std::nullopt;
}

std::string make_token() {
    std::array<unsigned char, 24> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
        throw UserError("cannot make a token: the system's random generator failed");
    std::string hex;
    char buf[3];
    for (unsigned char b : bytes) {
        std::snprintf(buf, sizeof buf, "%02x", b);
        hex += buf;
    }
    return hex;
}

std::filesystem::path OperatorStore::path_in_station(const std::filesystem::path& station) {
    return station / "state" / "operators.toml";
}

OperatorStore OperatorStore::load(const std::filesystem::path& file) {
    OperatorStore store;
    store.file_ = file;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return store;
    Diagnostics diags;
    auto parsed = parse_toml_file(file, file.string(), diags);
    if (!parsed) diags.throw_if_errors();
    TomlTable top(*parsed, file.string(), diags);
    for (auto& t : top.get_tables("operator")) {
        Operator op;
        auto name = t.get_string("name");
        auto role = t.get_string("role");
        auto hash = t.get_string("token_sha256");
        if (auto added = t.get_string("added")) op.added = *added;
        if (!name || name->empty()) t.error(t.pos(), "[[operator]] needs a `name`");
        if (!role || !parse_role(*role))
            t.error_at("role", "`role` must be \"viewer\", \"operator\" or \"admin\"");
        if (!hash || hash->size() != 64 ||
            hash->find_first_not_of("0123456789abcdef") != std::string::npos)
            t.error_at("token_sha256", "`token_sha256` must be 64 lower-case hex digits");
        t.report_unknown_keys();
        if (name && role && hash && parse_role(*role)) {
            op.name = *name;
            op.role = *parse_role(*role);
            op.token_sha256 = *hash;
            store.operators_.push_back(op);
        }
    }
    top.report_unknown_keys();
    diags.throw_if_errors();
    return store;
}

std::string OperatorStore::add(const std::string& name, Role role, const std::string& added) {
    if (name.empty()) throw UserError("operator: the name is empty");
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
            throw UserError("operator: the name \"" + name +
                            "\" has a quote, a backslash or a control character");
    for (const auto& op : operators_)
        if (op.name == name)
            throw UserError("operator: " + name +
                            " exists already (remove them first to give them a new token)");
    std::string token = make_token();
    operators_.push_back({name, role, sha256_hex(token), added});
    return token;
}

bool OperatorStore::remove(const std::string& name) {
    auto before = operators_.size();
    std::erase_if(operators_, [&](const Operator& op) { return op.name == name; });
    return operators_.size() != before;
}

void OperatorStore::save() const {
    std::string text =
        "# The console's operators (villagecast operator add/list/remove). Only each token's\n"
        "# SHA-256 is kept: a lost token is replaced by removing and adding the operator.\n";
    for (const auto& op : operators_) {
        text += "\n[[operator]]\nname = " + toml_quoted(op.name) + "\nrole = \"" +
                std::string(to_string(op.role)) + "\"\ntoken_sha256 = \"" + op.token_sha256 +
                "\"\n";
        if (!op.added.empty()) text += "added = " + toml_quoted(op.added) + "\n";
    }
    std::filesystem::create_directories(file_.parent_path());
    // The temporary file is created 0600 by the umask below, so the hashes are never readable
    // by others, not even for a moment.
    mode_t old = ::umask(077);
    try {
        write_file_atomically(file_, text);
    } catch (...) {
        ::umask(old);
        throw;
    }
    ::umask(old);
    ::chmod(file_.c_str(), 0600);
}

const Operator* OperatorStore::find_by_token(std::string_view token) const {
    if (token.empty()) return nullptr;
    std::string hash = sha256_hex(token);
    const Operator* found = nullptr;
    for (const auto& op : operators_)
        if (op.token_sha256.size() == hash.size() &&
            CRYPTO_memcmp(op.token_sha256.data(), hash.data(), hash.size()) == 0)
            found = &op;
    return found;
}

}  // namespace vc::control
