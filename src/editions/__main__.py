"""`python -m editions` runs the command line."""

from editions.cli import main

if __name__ == "__main__":
    main()
