// Which variable names carry credentials, for every language: a secret never gets a plain value in compose,
// ECS environment or logs. `_HOST`, `_PORT`, `_SERVER`, `_NAME`, `_USER` parts of a connection are not secrets.
const SECRET = /SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE|CREDENTIAL|DSN$|DATABASE_URL$|_URI$/;

export const isSecretName = (name: string): boolean => SECRET.test(name) && !/_(HOST|PORT|SERVER|NAME|USER)$/.test(name);
