"""Entry point of the bundled app (PyInstaller): the same as the `jxc` command."""
import multiprocessing

from app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless when unused; needed if a worker ever forks
    main()
