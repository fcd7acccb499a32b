.DEFAULT_GOAL := help
ENV ?= dev
TF_DIR ?= infra/terraform

.PHONY: help infra-plan docker-build

help: ## List targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | sort

infra-plan: ## terraform plan for $(ENV)
	terraform -chdir=$(TF_DIR)/workspaces/base plan -var-file=../../shared/$(ENV).tfvars

docker-build: ## Build the image
	docker build --target prod -t demo:$(ENV) .
