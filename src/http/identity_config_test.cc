// The identity file: what an administrator writes, and what they are told
// (FILE:LINE:COL, bokmål) when it is wrong. Table-driven.
#include "http/identity_config.h"

#include <cstdlib>

#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include "http/person_id.h"

namespace stafett::http {
namespace {

const char* kGood = R"(tenant: nesseby
issuer: https://login.microsoftonline.com/0000/v2.0
client_id: app-1
client_secret: {env: IDENTITY_TEST_SECRET}
scopes: [profile]
ask: IT-brukerstøtte i Nesseby kommune
mappings:
  - claim: groups
    value: g-barnehage
    role: coordinator
    service: barnehage
  - claim: roles
    value: Stafett.Skole
    role: worker
    service: skole
)";

const std::map<std::string, std::set<std::string>> kKnown = {
    {"nesseby", {"barnehage", "skole", "helsestasjon"}}};

std::optional<IdentityConfig> Parse(const std::string& text,
                                    std::vector<routine::Diagnostic>* out) {
  routine::DiagnosticList diags("identity/nesseby.yaml");
  auto c = ParseIdentityConfig(text, &diags, &kKnown);
  *out = diags.Take();
  return c;
}

class IdentityConfigTest : public ::testing::Test {
 protected:
  void SetUp() override { setenv("IDENTITY_TEST_SECRET", "s3cret", 1); }
  void TearDown() override { unsetenv("IDENTITY_TEST_SECRET"); }
};

TEST_F(IdentityConfigTest, GoodFileParses) {
  std::vector<routine::Diagnostic> d;
  auto c = Parse(kGood, &d);
  ASSERT_TRUE(c) << (d.empty() ? "" : d[0].ToString());
  EXPECT_EQ(c->tenant, "nesseby");
  EXPECT_EQ(c->client_secret, "s3cret");
  EXPECT_EQ(c->audience, "app-1");  // defaults to the client id
  EXPECT_EQ(c->scopes, (std::vector<std::string>{"openid", "profile"}));
  ASSERT_EQ(c->mappings.size(), 2u);
  EXPECT_EQ(c->mappings[0].role, engine::Role::kCoordinator);
}

// Each broken variant: what is replaced, and where the diagnostic points.
TEST_F(IdentityConfigTest, ProblemsArePointedAtWithLineAndColumn) {
  struct Row {
    std::string from, to;
    int line, column;
    std::string says;
  } rows[] = {
      {"client_secret: {env: IDENTITY_TEST_SECRET}", "client_secret: hunter2",
       4, 16, "ikke stå i filen"},
      {"{env: IDENTITY_TEST_SECRET}", "{env: NOT_SET_ANYWHERE_X}", 4, 22,
       "NOT_SET_ANYWHERE_X er ikke satt"},
      {"role: coordinator", "role: boss", 10, 11, "Ukjent rolle «boss»"},
      {"service: barnehage", "service: bhg", 11, 14, "finnes ikke i rutinen"},
      {"tenant: nesseby", "tenant: ukjent", 1, 9, "Ingen rutine"},
      {"issuer: https://", "issuer: http://", 2, 9, "https://"},
      {"scopes: [profile]", "scopes: [profile]\ncolour: blue", 6, 1,
       "Ukjent nøkkel «colour»"},
      {"ask: IT-brukerstøtte i Nesseby kommune\n", "", 1, 1, "«ask» mangler"},
      {"    role: worker\n", "", 12, 5, "«role» mangler"},
  };
  for (const auto& row : rows) {
    std::string text = kGood;
    auto at = text.find(row.from);
    ASSERT_NE(at, std::string::npos) << row.from;
    text.replace(at, row.from.size(), row.to);
    std::vector<routine::Diagnostic> d;
    EXPECT_FALSE(Parse(text, &d)) << row.to;
    ASSERT_FALSE(d.empty()) << row.to;
    EXPECT_EQ(d[0].file, "identity/nesseby.yaml");
    EXPECT_EQ(d[0].line, row.line) << d[0].ToString();
    EXPECT_EQ(d[0].column, row.column) << d[0].ToString();
    EXPECT_NE(d[0].message.find(row.says), std::string::npos)
        << d[0].ToString();
  }
}

TEST_F(IdentityConfigTest, ClaimsMapInFileOrderFromStringsOrArrays) {
  std::vector<routine::Diagnostic> d;
  auto c = Parse(kGood, &d);
  ASSERT_TRUE(c);
  Poco::JSON::Parser p;
  auto claims = [&](const std::string& json) {
    return p.parse(json).extract<Poco::JSON::Object::Ptr>();
  };
  EXPECT_TRUE(MapClaims(*c, *claims(R"({"groups":["x"]})")).empty());
  auto one = MapClaims(*c, *claims(R"({"groups":["x","g-barnehage"]})"));
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].service, "barnehage");
  auto both = MapClaims(
      *c, *claims(R"({"roles":"Stafett.Skole","groups":["g-barnehage"]})"));
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].service, "barnehage");
  EXPECT_EQ(both[1].service, "skole");
  // A number never matches a string value.
  EXPECT_TRUE(MapClaims(*c, *claims(R"({"groups":[1]})")).empty());
}

TEST(PersonIdTest, StableKeyedAndPseudonymous) {
  const std::string key = "0123456789abcdef0123456789abcdef";
  std::string a = PersonId(key, "https://idp", "sub-1");
  EXPECT_TRUE(IsPersonId(a));
  EXPECT_EQ(a, PersonId(key, "https://idp", "sub-1"));
  EXPECT_NE(a, PersonId(key, "https://other", "sub-1"));
  EXPECT_NE(a, PersonId(key, "https://idp", "sub-2"));
  EXPECT_NE(a, PersonId(key + "x", "https://idp", "sub-1"));
  // HMAC-SHA256("k", "iss\nsub"), first 32 hex digits (as the Node tests
  // compute it).
  EXPECT_EQ(PersonId("k", "iss", "sub"), "6b113d34563fdd812efe3f2b603be11f");
}

}  // namespace
}  // namespace stafett::http
