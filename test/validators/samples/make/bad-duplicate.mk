.PHONY: test

test:
	@echo first

test:
	@echo second
