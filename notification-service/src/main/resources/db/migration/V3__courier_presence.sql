-- Couriers' presence as iot-ingest last reported it (courier-presence events): one row per device, the newest
-- "since" wins, so a late or redelivered older event never overwrites a newer one.
CREATE TABLE courier_presence (
    device_id  text        PRIMARY KEY,
    presence   text        NOT NULL CHECK (presence IN ('AVAILABLE', 'AWAY', 'OFFLINE')),
    order_id   text,
    since      timestamptz NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Who sees a courier's presence over XMPP: the bare JIDs (operators) whose subscription to
-- <device_id>@devices.<domain> the component accepted; each change is pushed to them.
CREATE TABLE presence_subscriber (
    device_id     text        NOT NULL,
    subscriber    text        NOT NULL,
    subscribed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, subscriber)
);
