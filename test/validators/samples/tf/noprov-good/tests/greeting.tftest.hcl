run "greets_by_name" {
  command = plan

  variables {
    name = "world"
  }

  assert {
    condition     = output.greeting == "hello-world"
    error_message = "greeting should be hello-world"
  }
}
