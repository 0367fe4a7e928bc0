-- Templates: the keys a project's environments are required to have.
CREATE TABLE template_keys (
    project_id      UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name            VARCHAR(256) NOT NULL,
    description     VARCHAR(1000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (project_id, name)
);
