"""`python -m app` does what the `jxc` command does."""
from app.cli import main

if __name__ == "__main__":
    main()
