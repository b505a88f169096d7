"""Users, roles, login and API tokens; authorization lives here and nowhere else."""
