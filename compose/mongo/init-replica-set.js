// Run once by the mongo-init service. Idempotent: a second run finds the set and the user in place.
try {
  rs.status();
} catch (e) {
  rs.initiate({
    _id: "rs0",
    members: [
      {_id: 0, host: "mongo1:27017"},
      {_id: 1, host: "mongo2:27017"},
      {_id: 2, host: "mongo3:27017"}
    ]
  });
}
while (!db.hello().isWritablePrimary) {
  sleep(500);
}
// Majority for everyone by default; Inkan asks for it explicitly as well (docs/operating.md, Real MongoDB).
db.adminCommand({
  setDefaultRWConcern: 1,
  defaultWriteConcern: {w: "majority", j: true},
  defaultReadConcern: {level: "majority"}
});
const admin = db.getSiblingDB("admin");
if (admin.getUser("inkan") === null) {
  admin.createUser({user: "inkan", pwd: process.env.INKAN_MONGO_PASSWORD, roles: [{role: "readWrite", db: "inkan"}]});
}
