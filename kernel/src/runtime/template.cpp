// Mustache templates (kainjow's library) filled from the same JSON values the
// commands print, and the one-line report of mutating commands.
#include <fstream>
#include <kainjow/mustache.hpp>
#include <sstream>

#include "arctl/context.hpp"
#include "arctl/error.hpp"

namespace arctl {
namespace {

namespace mus = kainjow::mustache;

mus::data to_data(const Json& j) {
  if (j.is_object()) {
    mus::data d;
    for (const auto& [k, v] : j.items())
      d.set(k, to_data(v));
    return d;
  }
  if (j.is_array()) {
    mus::data list{mus::data::type::list};
    for (const auto& v : j)
      list << to_data(v);
    return list;
  }
  if (j.is_string()) return mus::data(j.get<std::string>());
  if (j.is_boolean())
    return j.get<bool>() ? mus::data(mus::data::type::bool_true)
                         : mus::data(mus::data::type::bool_false);
  if (j.is_null()) return mus::data(std::string());
  return mus::data(j.dump());
}

}  // namespace

std::string Context::render_template(std::string_view name, const Json& data) const {
  const auto path = find_template(name);
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(ErrorKind::kNotFound, "cannot read template " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  mus::mustache tmpl{text.str()};
  if (!tmpl.is_valid()) fail(ErrorKind::kError, path.string() + ": " + tmpl.error_message());
  return tmpl.render(to_data(data));
}

void Context::report(const Json& data, const std::string& human) {
  if (format() == Format::kTable)
    out() << human << '\n';
  else
    print(data);
}

}  // namespace arctl
