// The channel rules of routine/validate_channels.h, one row each: where the
// diagnostic points and what it says.
#include "routine/validate_channels.h"

#include <gtest/gtest.h>

#include "routine/test_fixtures.h"

namespace stafett::routine {
namespace {

using testing::ExpectDiagnostic;
using testing::Fixture;
using testing::kStart;
using testing::RuleCase;

// kHead with line 7 replaced by a service with `channels` (lines 7-11).
std::string WithChannels(const std::string& channels) {
  return std::string(
             "routine: r\nversion: 1\ntenant: t\ntitle: T\n"
             "reference_prefix: TT\nabuse_step: meld\n"
             "services:\n"
             "  - id: skole\n"
             "    name: Skole\n"
             "    kind: school\n") +
         channels + Fixture(kStart, "steps:\n");
}

TEST(ValidateChannelsTest, Rules) {
  const RuleCase cases[] = {
      {"credentials in the URL",
       WithChannels("    channels: {webhook: {url: "
                    "'https://u:p@hook.example/x', secret_env: S}}\n"),
       11, 31, "brukernavn eller passord"},
      {"fragment",
       WithChannels("    channels: {webhook: {url: "
                    "'https://hook.example/x#y', secret_env: S}}\n"),
       11, 31, "#fragment"},
      {"bad port",
       WithChannels("    channels: {webhook: {url: "
                    "'https://hook.example:99999/x', secret_env: S}}\n"),
       11, 31, "1 til 65535"},
      {"no host",
       WithChannels("    channels: {webhook: {url: 'https://:443/x', "
                    "secret_env: S}}\n"),
       11, 31, "mangler vertsnavn"},
      {"http to a host that only starts like localhost",
       WithChannels("    channels: {webhook: {url: "
                    "'http://localhost.example.com/x', secret_env: S}}\n"),
       11, 31, "bare lov mot denne maskinen"},
      {"Stafett's own secret",
       WithChannels("    channels: {webhook: {url: "
                    "'https://hook.example/x', secret_env: "
                    "STAFETT_TOKEN_SECRET}}\n"),
       11, 69, "Stafetts egne nøkler"},
      {"duplicate address, any case",
       WithChannels("    leader: {email: [a@b.no, A@B.no]}\n"), 11, 30,
       "står to ganger"},
  };
  for (const auto& c : cases) ExpectDiagnostic(c);
}

TEST(ValidateChannelsTest, GoodChannelsPass) {
  for (const char* url :
       {"https://hook.example/x?a=1", "https://hook.example:8443",
        "http://127.0.0.1:9000/hook", "http://localhost/hook",
        "https://[2001:db8::1]/h"}) {
    auto r = LoadRoutineText(
        WithChannels(std::string("    channels: {email: [a@b.no], webhook: "
                                 "{url: '") +
                     url + "', secret_env: HOOK_SECRET}}\n"),
        "f.yaml");
    std::string all;
    for (const auto& d : r.diagnostics) all += d.ToString() + "\n";
    EXPECT_TRUE(r.ok()) << url << "\n" << all;
  }
}

}  // namespace
}  // namespace stafett::routine
