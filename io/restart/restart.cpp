#include "io/restart/restart.hpp"

#include <cstdio>
#include <cstring>
#include <fstream>

#include "solver/common/errors.hpp"

namespace qiantang::io {
namespace {

constexpr char kMagic[8] = {'Q', 'T', 'R', 'S', 'T', '0', '0', '1'};

template <class T>
void put(std::ofstream& out, const T& v) {
  out.write(reinterpret_cast<const char*>(&v), sizeof v);
}

void put_string(std::ofstream& out, const std::string& s) {
  put(out, std::uint32_t(s.size()));
  out.write(s.data(), std::streamsize(s.size()));
}

void put_vector(std::ofstream& out, const std::vector<double>& v) {
  put(out, std::uint64_t(v.size()));
  out.write(reinterpret_cast<const char*>(v.data()), std::streamsize(v.size() * sizeof(double)));
}

class Reader {
 public:
  explicit Reader(const std::filesystem::path& p) : path_(p), in_(p, std::ios::binary) {
    if (!in_) throw InputError(p.string(), "", "a readable restart file");
  }
  template <class T>
  T get(const char* what) {
    T v{};
    in_.read(reinterpret_cast<char*>(&v), sizeof v);
    if (!in_) fail(what);
    return v;
  }
  std::string get_string(const char* what) {
    const auto n = get<std::uint32_t>(what);
    if (n > 4096) fail(what);
    std::string s(n, '\0');
    in_.read(s.data(), std::streamsize(n));
    if (!in_) fail(what);
    return s;
  }
  std::vector<double> get_vector(const char* what, std::uint64_t expected) {
    const auto n = get<std::uint64_t>(what);
    if (n != expected) fail(what);
    std::vector<double> v(n);
    in_.read(reinterpret_cast<char*>(v.data()), std::streamsize(n * sizeof(double)));
    if (!in_) fail(what);
    return v;
  }
  [[noreturn]] void fail(const char* what) {
    throw InputError(path_.string(), what, "a complete restart record (file truncated or corrupt)");
  }
  std::ifstream& stream() { return in_; }

 private:
  std::filesystem::path path_;
  std::ifstream in_;
};

}  // namespace

std::filesystem::path restart_path(const std::filesystem::path& dir, TimePoint t) {
  std::string s = format_iso8601(t);  // YYYY-MM-DDTHH:MM:SSZ
  std::string compact;
  for (char c : s)
    if (c != '-' && c != ':') compact += c;
  return dir / ("restart_" + compact + ".bin");
}

void write_restart(const std::filesystem::path& path, const RestartData& d) {
  std::filesystem::create_directories(path.parent_path());
  const auto part = std::filesystem::path(path.string() + ".part");
  {
    std::ofstream out(part, std::ios::binary | std::ios::trunc);
    if (!out) throw InputError(part.string(), "", "a writable restart location");
    out.write(kMagic, sizeof kMagic);
    put(out, std::int64_t(d.time.time_since_epoch().count()));
    put(out, d.step);
    put(out, std::int32_t(d.nx));
    put(out, std::int32_t(d.ny));
    put(out, std::int32_t(d.nz));
    put(out, std::uint32_t(d.species.size()));
    for (std::size_t n = 0; n < d.species.size(); ++n) {
      put_string(out, d.species[n]);
      put_vector(out, d.fields[n]);
    }
    put_vector(out, d.budget);
    out.write(kMagic, sizeof kMagic);  // trailer: a truncated file has none
    out.flush();
    if (!out) throw InputError(part.string(), "", "room to write the restart file");
  }
  std::filesystem::rename(part, path);
}

RestartData read_restart(const std::filesystem::path& path) {
  Reader r(path);
  char magic[8];
  r.stream().read(magic, sizeof magic);
  if (!r.stream() || std::memcmp(magic, kMagic, sizeof magic) != 0)
    throw InputError(path.string(), "magic", "a Qiantang restart file (QTRST001)");
  RestartData d;
  d.time = TimePoint(Seconds(r.get<std::int64_t>("time")));
  d.step = r.get<std::int64_t>("step");
  d.nx = r.get<std::int32_t>("nx");
  d.ny = r.get<std::int32_t>("ny");
  d.nz = r.get<std::int32_t>("nz");
  if (d.nx <= 0 || d.ny <= 0 || d.nz <= 0) r.fail("grid size");
  const auto ns = r.get<std::uint32_t>("species count");
  const std::uint64_t cells = std::uint64_t(d.nx) * std::uint64_t(d.ny) * std::uint64_t(d.nz);
  for (std::uint32_t n = 0; n < ns; ++n) {
    d.species.push_back(r.get_string("species name"));
    d.fields.push_back(r.get_vector(d.species.back().c_str(), cells));
  }
  const auto nb = r.get<std::uint64_t>("budget");
  d.budget.resize(nb);
  r.stream().read(reinterpret_cast<char*>(d.budget.data()), std::streamsize(nb * sizeof(double)));
  r.stream().read(magic, sizeof magic);
  if (!r.stream() || std::memcmp(magic, kMagic, sizeof magic) != 0) r.fail("trailer");
  return d;
}

}  // namespace qiantang::io
