create table item (
    id   uuid primary key,
    name text not null
);
