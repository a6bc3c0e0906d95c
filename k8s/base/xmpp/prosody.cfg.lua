-- Dispatch's XMPP server (Prosody 0.12): the one configuration used by the tests (test-support TestProsody), bin/run,
-- docker-compose and Kubernetes (a ConfigMap). Everything that differs between them comes from the environment:
--
--   DISPATCH_XMPP_DOMAIN            the users' domain (dispatch.local); rooms live on rooms.<domain>
--   DISPATCH_XMPP_BOT               the bot's localpart (dispatch-bot): the only admin, creates accounts and rooms
--   DISPATCH_XMPP_C2S_PORT          client-to-server TCP (5222)
--   DISPATCH_XMPP_HTTP_PORT         HTTP for XMPP over WebSocket, RFC 7395, at /xmpp-websocket (5280)
--   DISPATCH_XMPP_COMPONENT_PORT    external components, XEP-0114 (5347); only with a secret:
--   DISPATCH_XMPP_COMPONENT_SECRET  the secret of the component devices.<domain> (couriers' presence); unset: no component
--   DISPATCH_XMPP_INTERFACES        where to listen, comma-separated (127.0.0.1; "*" in containers)
--   DISPATCH_XMPP_DATA_DIR          accounts, rooms and archives (/var/lib/prosody)
--   DISPATCH_XMPP_PID_FILE          (unset: none)
--   DISPATCH_XMPP_LOG               "console" or a file path (console)
--   DISPATCH_XMPP_LOG_LEVEL         debug, info, warn, error (info)
--   Start it in the foreground: prosody --config <this file> -F  (0.12 no longer reads "daemonize").
--   DISPATCH_XMPP_RUN_AS_ROOT       "true" lets Prosody run as root (CI and tests run as root; containers do not)
--   DISPATCH_XMPP_STANZA_LIMIT      largest stanza a client may send, bytes (65536); larger: stream error policy-violation
--   DISPATCH_XMPP_RATE              what one client connection may send (4kb/s), burst DISPATCH_XMPP_BURST (2s)
--   DISPATCH_XMPP_WEBSOCKET_SECURE  "true" when a TLS-terminating proxy carries XMPP over WebSocket (wss://) (false)

-- Lua's own library: "Lua" from Prosody 0.12.4 on, the plain globals before (Debian 12 ships 0.12.3).
local lua = Lua or _G
local getenv = lua.os.getenv
local function env(name, default)
	local value = getenv(name)
	if value == nil or value == "" then
		return default
	end
	return value
end
local function list(value)
	local items = {}
	for item in lua.string.gmatch(value, "[^,%s]+") do
		items[#items + 1] = item
	end
	return items
end

local domain = env("DISPATCH_XMPP_DOMAIN", "dispatch.local")
local bot = env("DISPATCH_XMPP_BOT", "dispatch-bot") .. "@" .. domain
local interfaces = list(env("DISPATCH_XMPP_INTERFACES", "127.0.0.1"))
-- Not named component_secret: inside the Component block that name would assign the local to itself.
local devices_secret = env("DISPATCH_XMPP_COMPONENT_SECRET", nil)

run_as_root = env("DISPATCH_XMPP_RUN_AS_ROOT", "false") == "true"
pidfile = env("DISPATCH_XMPP_PID_FILE", nil)
data_path = env("DISPATCH_XMPP_DATA_DIR", "/var/lib/prosody")
-- No TLS certificates (see c2s_require_encryption); a directory that exists keeps Prosody from complaining.
certificates = data_path
plugin_paths = {}

local log_to = env("DISPATCH_XMPP_LOG", "console")
log = { { levels = { min = env("DISPATCH_XMPP_LOG_LEVEL", "info") }, to = log_to == "console" and "console" or "file", filename = log_to ~= "console" and log_to or nil } }

-- The bot creates accounts (XEP-0133 add-user, change-user-password) and rooms; nobody else administers anything.
admins = { bot }
authentication = "internal_hashed"
storage = "internal"

modules_enabled = {
	"roster"; "saslauth"; "disco"; "ping"; "time"; "version"; "uptime";
	"carbons"; "blocklist"; "csi_simple"; "smacks";
	"adhoc"; "admin_adhoc";
	"limits";
	"websocket";
	"posix";
}
-- One server, no federation: nothing listens for or dials other servers.
modules_disabled = { "s2s"; "dialback"; "tls"; "register" }
allow_registration = false

-- No TLS here (a proxy or the cluster network carries it), so: SCRAM only, never PLAIN over the plain link.
c2s_require_encryption = false
allow_unencrypted_plain_auth = false
insecure_sasl_mechanisms = { "PLAIN", "LOGIN" }
s2s_require_encryption = false

c2s_ports = { lua.tonumber(env("DISPATCH_XMPP_C2S_PORT", "5222")) }
c2s_interfaces = interfaces
s2s_ports = {}
http_ports = { lua.tonumber(env("DISPATCH_XMPP_HTTP_PORT", "5280")) }
http_interfaces = interfaces
https_ports = {}
-- WebSocket clients send any Host header (an IP, a proxy's name): they all mean this one domain.
http_default_host = domain
-- Browsers of the web app connect from another origin: mod_websocket allows any (CORS on by default in 0.12);
-- the password, not the origin, is what signs in.
-- Set when a TLS-terminating proxy is in front (wss://), so clients there are treated like encrypted ones.
consider_websocket_secure = env("DISPATCH_XMPP_WEBSOCKET_SECURE", "false") == "true"

-- Bad input: an oversized stanza closes the stream (policy-violation); a flooding client is slowed down, not the others.
c2s_stanza_size_limit = lua.tonumber(env("DISPATCH_XMPP_STANZA_LIMIT", "65536"))
limits = {
	c2s = { rate = env("DISPATCH_XMPP_RATE", "4kb/s"); burst = env("DISPATCH_XMPP_BURST", "2s") };
}
unlimited_jids = { bot }

-- Room and user archives kept for the life of the order's room.
archive_expires_after = "never"

if devices_secret then
	component_ports = { lua.tonumber(env("DISPATCH_XMPP_COMPONENT_PORT", "5347")) }
	component_interfaces = interfaces
else
	component_ports = {}
end

VirtualHost (domain)

-- A members-only, persistent room per dispatched order (order-<id>); only the bot creates rooms. The history stays
-- (XEP-0313 archive, and the last messages on join) after the room is closed.
Component ("rooms." .. domain) "muc"
	modules_enabled = { "muc_mam" }
	restrict_room_creation = true
	muc_room_locking = false
	muc_room_default_public = false
	muc_room_default_persistent = true
	muc_room_default_members_only = true
	muc_room_default_moderated = false
	muc_room_default_public_jids = true
	muc_room_default_change_subject = false
	muc_room_default_history_length = 50
	muc_log_by_default = true
	muc_log_all_rooms = true
	muc_log_expires_after = "never"
	max_history_messages = 50

-- Couriers' presence (courier-1@devices.<domain>), sent by notification-service as an external component.
if devices_secret then
	Component ("devices." .. domain)
		component_secret = devices_secret
end
