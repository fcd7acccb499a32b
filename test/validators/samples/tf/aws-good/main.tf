terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project = "demo"
    }
  }
}

variable "region" {
  type    = string
  default = "us-east-1"
}

data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.artifacts.arn}/*"]
  }
}

resource "aws_s3_bucket" "artifacts" {
  bucket_prefix = "demo-artifacts-"
}

output "policy" {
  value = data.aws_iam_policy_document.read.json
}
