.PHONY: build

build:
    echo "spaces, not a TAB"
