// Which variable names carry credentials, for every language: a secret never gets a plain value in compose,
// ECS environment or logs. `_HOST`, `_PORT`, `_SERVER`, `_NAME`, `_USER` parts of a connection are not secrets.
const SECRET = /SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE|CREDENTIAL|DSN$|DATABASE_URL$|_URI$/;

export const isSecretName = (name: string): boolean => SECRET.test(name) && !/_(HOST|PORT|SERVER|NAME|USER)$/.test(name);

/** A signing key or password: a default for it in the code is a development value written in the source, which a
 * deployment must replace (an optional URL or DSN, an error tracker's, is off by default instead). */
export const isSigningSecret = (name: string): boolean => isSecretName(name) && /SECRET|PASSWORD|PASSWD|TOKEN|KEY/.test(name);
