"""People, posts and holdings over dates; post unification, succession planning (issue 4)."""
