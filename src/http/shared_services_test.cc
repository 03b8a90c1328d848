// Services shared between municipalities: the identity file's
// shared_services (what an administrator writes and is told, FILE:LINE:COL)
// and the actors a person of a shared service acts as. Table-driven.
#include "http/shared_services.h"

#include <cstdlib>

#include <gtest/gtest.h>

namespace stafett::http {
namespace {

// Line numbers matter: the table below points into this text.
const char* kHost = R"(tenant: salangen
issuer: https://login.example/salangen
client_id: stafett-salangen
client_secret: {env: SHARED_TEST_SECRET}
ask: Servicetorget i Salangen kommune
shared_services:
  - service: barnevern_midt_troms
    serves:
      - {tenant: gratangen, service: barnevern}
      - {tenant: lavangen, service: barnevern}
      - {tenant: salangen, service: barnevern}
      - {tenant: ibestad, service: bv}
mappings:
  - {claim: groups, value: g-bv, role: worker, service: barnevern_midt_troms}
  - {claim: groups, value: g-bhg, role: worker, service: barnehage}
)";

const std::map<std::string, std::set<std::string>> kKnown = {
    {"gratangen", {"barnehage", "barnevern"}},
    {"lavangen", {"barnehage", "barnevern"}},
    {"salangen", {"barnehage", "barnevern"}},
    {"ibestad", {"barnehage", "bv"}},
};

std::optional<IdentityConfig> Parse(const std::string& text,
                                    std::vector<routine::Diagnostic>* out) {
  routine::DiagnosticList diags("identity/salangen.yaml");
  auto c = ParseIdentityConfig(text, &diags, &kKnown);
  *out = diags.Take();
  return c;
}

class SharedServicesTest : public ::testing::Test {
 protected:
  void SetUp() override { setenv("SHARED_TEST_SECRET", "s3cret", 1); }
  void TearDown() override { unsetenv("SHARED_TEST_SECRET"); }
};

TEST_F(SharedServicesTest, HostDeclaresTheTenantsAndTheirServiceIds) {
  std::vector<routine::Diagnostic> d;
  auto c = Parse(kHost, &d);
  ASSERT_TRUE(c) << (d.empty() ? "" : d[0].ToString());
  ASSERT_EQ(c->shared_services.size(), 1u);
  const SharedService& s = c->shared_services[0];
  EXPECT_EQ(s.service, "barnevern_midt_troms");
  EXPECT_EQ(s.serves, (std::vector<ServedTenant>{{"gratangen", "barnevern"},
                                                 {"lavangen", "barnevern"},
                                                 {"salangen", "barnevern"},
                                                 {"ibestad", "bv"}}));
  // The mapping may give the shared id, which no routine has.
  EXPECT_EQ(c->mappings[0].service, "barnevern_midt_troms");
}

TEST_F(SharedServicesTest, ProblemsArePointedAtWithLineAndColumn) {
  struct Row {
    std::string from, to;
    int line, column;
    std::string says;
  } rows[] = {
      {"{tenant: lavangen, service: barnevern}",
       "{tenant: narvik, service: barnevern}", 10, 18,
       "Ingen rutine er lastet for kommunen «narvik»"},
      {"{tenant: ibestad, service: bv}",
       "{tenant: ibestad, service: barnevern}", 12, 36,
       "Tjenesten «barnevern» finnes ikke i rutinen til ibestad"},
      {"{tenant: salangen, service: barnevern}",
       "{tenant: gratangen, service: barnevern}", 11, 18,
       "«gratangen» står to ganger"},
      // The misspelt key, and (first, at the entry) what it leaves out.
      {"    serves:\n", "    servs:\n", 7, 5, "«serves» mangler"},
      {"  - service: barnevern_midt_troms\n", "  - servic: x\n", 7, 5,
       "Ukjent nøkkel «servic»"},
      {"      - {tenant: gratangen, service: barnevern}\n",
       "      - gratangen\n", 9, 9, "{tenant: KOMMUNE, service: ID}"},
      // A mapping to a shared id that is not declared is an unknown service.
      {"service: barnevern_midt_troms}", "service: barnevern_midt}", 14, 57,
       "finnes ikke i rutinen til salangen"},
  };
  for (const auto& row : rows) {
    std::string text = kHost;
    auto at = text.find(row.from);
    ASSERT_NE(at, std::string::npos) << row.from;
    text.replace(at, row.from.size(), row.to);
    std::vector<routine::Diagnostic> d;
    EXPECT_FALSE(Parse(text, &d)) << row.to;
    ASSERT_FALSE(d.empty()) << row.to;
    EXPECT_EQ(d[0].file, "identity/salangen.yaml");
    EXPECT_EQ(d[0].line, row.line) << d[0].ToString();
    EXPECT_EQ(d[0].column, row.column) << d[0].ToString();
    EXPECT_NE(d[0].message.find(row.says), std::string::npos)
        << d[0].ToString();
  }
}

TEST_F(SharedServicesTest, ASharedActorActsInEachServedTenantOnly) {
  std::vector<routine::Diagnostic> d;
  auto c = Parse(kHost, &d);
  ASSERT_TRUE(c);
  const SharedServices shared({*c});
  const engine::Actor bv{"salangen", "barnevern_midt_troms",
                         engine::Role::kUnitLeader, "0123"};
  ASSERT_TRUE(shared.IsShared(bv));
  EXPECT_EQ(SharedServices::Via(bv), "salangen/barnevern_midt_troms");
  auto actors = shared.Expand(bv);
  ASSERT_EQ(actors.size(), 4u);
  const std::vector<std::pair<std::string, std::string>> want = {
      {"gratangen", "barnevern"},
      {"lavangen", "barnevern"},
      {"salangen", "barnevern"},
      {"ibestad", "bv"}};
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(actors[i].tenant, want[i].first);
    EXPECT_EQ(actors[i].service, want[i].second);
    EXPECT_EQ(actors[i].role, engine::Role::kUnitLeader);
    EXPECT_EQ(actors[i].person_id, "0123");
  }
  struct Row {
    engine::Actor actor;
    bool shared;
  } rows[] = {
      // The host's own kindergarten, and the same id in another tenant.
      {{"salangen", "barnehage", engine::Role::kWorker}, false},
      {{"lavangen", "barnevern_midt_troms", engine::Role::kWorker}, false},
      // Each served tenant's own service is not the shared one.
      {{"lavangen", "barnevern", engine::Role::kWorker}, false},
      // Only the team acts through a shared service.
      {{"salangen", "barnevern_midt_troms", engine::Role::kAuditor}, false},
      {{"salangen", "barnevern_midt_troms", engine::Role::kAdmin}, false},
      {{"salangen", "barnevern_midt_troms", engine::Role::kCoordinator}, true},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.actor.tenant + "/" + row.actor.service + " " +
                 engine::RoleName(row.actor.role));
    EXPECT_EQ(shared.IsShared(row.actor), row.shared);
    EXPECT_EQ(shared.Expand(row.actor).empty(), !row.shared);
  }
}

}  // namespace
}  // namespace stafett::http
